package dev.berth.artifacts.helm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.berth.artifacts.helm.internal.HelmJson;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A chart's {@code Chart.yaml}, as Helm models it ({@code pkg/chart} {@code Metadata}). Pushed to a
 * registry as the manifest config ({@code application/vnd.cncf.helm.config.v1+json}) in the JSON Helm
 * writes: fields in Helm's order, empty ones left out, annotations sorted by key.
 *
 * @param name the chart's name (required)
 * @param home the URL of the project's home page
 * @param sources URLs of the project's source code
 * @param version the chart's SemVer 2 version (required)
 * @param description a one-sentence description
 * @param keywords keywords about the project
 * @param maintainers the chart's maintainers
 * @param icon the URL of an SVG or PNG image to use as an icon
 * @param apiVersion {@link #API_V2} or {@link #API_V1} (required)
 * @param condition the values path that enables the chart, when it is used as a dependency
 * @param tags the tags that enable the chart, when it is used as a dependency
 * @param appVersion the version of the application the chart installs
 * @param deprecated whether the chart is deprecated
 * @param annotations extra metadata, sorted by key
 * @param kubeVersion a SemVer range of the Kubernetes versions the chart supports
 * @param dependencies the charts this chart depends on
 * @param type {@code application} or {@code library}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"name", "home", "sources", "version", "description", "keywords", "maintainers", "icon",
    "apiVersion", "condition", "tags", "appVersion", "deprecated", "annotations", "kubeVersion", "dependencies",
    "type"})
public record ChartMetadata(
    String name,
    String home,
    List<String> sources,
    String version,
    String description,
    List<String> keywords,
    List<Maintainer> maintainers,
    String icon,
    String apiVersion,
    String condition,
    String tags,
    String appVersion,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean deprecated,
    Map<String, String> annotations,
    String kubeVersion,
    List<Dependency> dependencies,
    String type) {

  /** {@code apiVersion} of Helm 3 charts. */
  public static final String API_V2 = "v2";
  /** {@code apiVersion} of Helm 2 charts, which Helm 3 still reads. */
  public static final String API_V1 = "v1";

  /** Copies the lists and map; null becomes empty, and annotations are sorted by key. */
  public ChartMetadata {
    sources = sources == null ? List.of() : List.copyOf(sources);
    keywords = keywords == null ? List.of() : List.copyOf(keywords);
    maintainers = maintainers == null ? List.of() : List.copyOf(maintainers);
    // Go's encoding/json writes map keys sorted; so do we, for byte-identical configs.
    annotations = annotations == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(annotations));
    dependencies = dependencies == null ? List.of() : List.copyOf(dependencies);
  }

  /**
   * A chart maintainer.
   *
   * @param name the maintainer's name
   * @param email the maintainer's email address
   * @param url the maintainer's URL
   */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonPropertyOrder({"name", "email", "url"})
  public record Maintainer(String name, String email, String url) {}

  /**
   * A chart dependency; Helm always writes {@code name} and {@code repository}, even empty.
   *
   * @param name the dependency's chart name
   * @param version a SemVer range of acceptable versions
   * @param repository the repository URL (or {@code @alias} of a configured repository)
   * @param condition a values path whose boolean value enables the dependency
   * @param tags tags whose values enable the dependency
   * @param enabled whether the dependency is loaded (Helm sets this from its condition and tags)
   * @param importValues values to import from the dependency into the parent chart
   * @param alias another name to use for the dependency
   */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonPropertyOrder({"name", "version", "repository", "condition", "tags", "enabled", "import-values", "alias"})
  public record Dependency(
      @JsonInclude(JsonInclude.Include.ALWAYS) String name,
      String version,
      @JsonInclude(JsonInclude.Include.ALWAYS) String repository,
      String condition,
      List<String> tags,
      @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean enabled,
      @JsonProperty("import-values") List<Object> importValues,
      String alias) {
    /** Null name and repository become empty, null lists empty; the lists are copied. */
    public Dependency {
      name = name == null ? "" : name;
      repository = repository == null ? "" : repository;
      tags = tags == null ? List.of() : List.copyOf(tags);
      importValues = importValues == null ? List.of() : Collections.unmodifiableList(new java.util.ArrayList<>(importValues));
    }
  }

  /**
   * Reads {@code Chart.yaml}.
   *
   * @throws IllegalArgumentException when it is not YAML of that shape
   */
  public static ChartMetadata parseYaml(byte[] chartYaml) {
    if (chartYaml.length > ChartArchive.MAX_CHART_YAML_BYTES) {
      throw new IllegalArgumentException("Chart.yaml is larger than Helm's limit of " + ChartArchive.MAX_CHART_YAML_BYTES
          + " bytes for a chart file");
    }
    checkLineLengths(chartYaml);
    try {
      return HelmJson.YAML.readValue(chartYaml, ChartMetadata.class);
    } catch (IOException e) {
      throw new IllegalArgumentException("Chart.yaml is not valid: " + HelmJson.message(e), e);
    }
  }

  /** The longest Chart.yaml line berth reads: the YAML parser slows down more than linearly on longer ones. */
  static final int MAX_LINE_BYTES = 64 * 1024;

  /**
   * Refuses lines longer than {@link #MAX_LINE_BYTES}. The YAML parser takes time that grows faster than
   * a line's length (a 1 MiB one-line comment or scalar took seconds), while real Chart.yaml lines are
   * short (multi-line values are block scalars of short lines); this keeps parsing linear in the file.
   */
  private static void checkLineLengths(byte[] yaml) {
    int start = 0;
    int line = 1;
    for (int i = 0; i <= yaml.length; i++) {
      if (i == yaml.length || yaml[i] == '\n') {
        if (i - start > MAX_LINE_BYTES) {
          throw new IllegalArgumentException("Chart.yaml line " + line + " is " + (i - start) + " bytes long; berth"
              + " reads lines of at most " + MAX_LINE_BYTES + " bytes");
        }
        start = i + 1;
        line++;
      }
    }
  }

  /**
   * Reads a Helm config blob.
   *
   * @throws IllegalArgumentException when it is not JSON of that shape
   */
  public static ChartMetadata parseConfig(byte[] configJson) {
    try {
      return HelmJson.JSON.readValue(configJson, ChartMetadata.class);
    } catch (IOException e) {
      throw new IllegalArgumentException("Helm chart config is not valid JSON: " + HelmJson.message(e), e);
    }
  }

  /** The config blob Helm pushes: this metadata as compact JSON, escaped as Go's encoding/json does. */
  public byte[] toConfigJson() {
    return HelmJson.write(this);
  }

  /**
   * Checks what Helm's {@code Metadata.Validate} checks: {@code apiVersion}, {@code name} (a plain file
   * name) and a semantic {@code version} are present, and {@code type} is {@code application}, {@code
   * library} or empty.
   *
   * @throws IllegalArgumentException naming the first problem
   */
  public ChartMetadata validate() {
    if (isBlank(apiVersion)) {
      throw new IllegalArgumentException("chart.metadata.apiVersion is required");
    }
    if (isBlank(name)) {
      throw new IllegalArgumentException("chart.metadata.name is required");
    }
    if (name.equals(".") || name.equals("..") || name.contains("/") || name.contains("\\")) {
      throw new IllegalArgumentException("chart.metadata.name \"" + name + "\" is not allowed");
    }
    if (isBlank(version)) {
      throw new IllegalArgumentException("chart.metadata.version is required");
    }
    if (!SemVer.isValid(version)) {
      throw new IllegalArgumentException("chart.metadata.version \"" + version + "\" is invalid");
    }
    if (type != null && !type.isEmpty() && !type.equals("application") && !type.equals("library")) {
      throw new IllegalArgumentException("chart.metadata.type must be application or library");
    }
    return this;
  }

  /**
   * The manifest annotations Helm sets on push ({@code pkg/registry} {@code generateOCIAnnotations}):
   * description, title (the name), version, url (home), created, source (the first of {@code
   * sources}), authors (maintainers as {@code name (email)}, comma separated), then the chart's own
   * annotations except those that would replace the title or version.
   *
   * @param created the {@code org.opencontainers.image.created} value (RFC 3339)
   */
  public Map<String, String> ociAnnotations(String created) {
    Map<String, String> a = new TreeMap<>();
    put(a, "org.opencontainers.image.description", description);
    put(a, "org.opencontainers.image.title", name);
    put(a, "org.opencontainers.image.version", version);
    put(a, "org.opencontainers.image.url", home);
    put(a, "org.opencontainers.image.created", created);
    if (!sources.isEmpty()) {
      put(a, "org.opencontainers.image.source", sources.get(0));
    }
    if (!maintainers.isEmpty()) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < maintainers.size(); i++) {
        Maintainer m = maintainers.get(i);
        if (m.name() != null && !m.name().isEmpty()) {
          b.append(m.name());
        }
        if (m.email() != null && !m.email().isEmpty()) {
          b.append(" (").append(m.email()).append(')');
        }
        if (i < maintainers.size() - 1) {
          b.append(", ");
        }
      }
      put(a, "org.opencontainers.image.authors", b.toString());
    }
    for (Map.Entry<String, String> e : annotations.entrySet()) {
      if (!e.getKey().equals("org.opencontainers.image.version") && !e.getKey().equals("org.opencontainers.image.title")) {
        a.put(e.getKey(), e.getValue());
      }
    }
    return a;
  }

  /** {@code NAME-VERSION.tgz}, the file name {@code helm package} and {@code helm pull} use. */
  public String archiveFileName() {
    return name + "-" + version + ".tgz";
  }

  private static void put(Map<String, String> m, String k, String v) {
    if (v != null && !v.trim().isEmpty()) {
      m.put(k, v);
    }
  }

  private static boolean isBlank(String s) {
    return s == null || s.isEmpty();
  }
}
