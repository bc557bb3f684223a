package dev.berth.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The descriptor maven-plugin-plugin generated: the goals users read about, each parameter described. */
class PluginDescriptorTest {
  @Test
  void everyGoalIsBoundToDeployAndEveryParameterIsDescribed() throws Exception {
    Document doc;
    try (InputStream in = getClass().getResourceAsStream("/META-INF/maven/plugin.xml")) {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      doc = f.newDocumentBuilder().parse(in);
    }
    assertEquals("berth", doc.getElementsByTagName("goalPrefix").item(0).getTextContent());
    Map<String, String> phases = new TreeMap<>();
    List<String> undescribed = new ArrayList<>();
    NodeList mojos = doc.getElementsByTagName("mojo");
    for (int i = 0; i < mojos.getLength(); i++) {
      Element mojo = (Element) mojos.item(i);
      String goal = text(mojo, "goal");
      phases.put(goal, text(mojo, "phase"));
      NodeList params = ((Element) mojo.getElementsByTagName("parameters").item(0)).getElementsByTagName("parameter");
      for (int j = 0; j < params.getLength(); j++) {
        Element p = (Element) params.item(j);
        if (text(p, "description").isBlank()) {
          undescribed.add(goal + ":" + text(p, "name"));
        }
      }
    }
    assertEquals(Map.of("cp", "deploy", "helm-push", "deploy", "help", "", "image", "deploy", "pull", "deploy",
        "push", "deploy", "wasm-push", "deploy"), phases);
    assertTrue(undescribed.isEmpty(), "parameters without a description: " + undescribed);
  }

  private static String text(Element e, String child) {
    NodeList l = e.getElementsByTagName(child);
    return l.getLength() == 0 ? "" : l.item(0).getTextContent();
  }
}
