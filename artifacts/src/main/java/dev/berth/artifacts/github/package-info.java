/**
 * ghcr.io housekeeping through the GitHub Packages REST API: {@link
 * dev.berth.artifacts.github.GitHubPackages} lists the versions of a container package ({@link
 * dev.berth.artifacts.github.PackageVersion}) of a user or an organisation ({@link
 * dev.berth.artifacts.github.PackageOwner}) and deletes old ones; API failures are {@link
 * dev.berth.artifacts.github.GitHubApiException}s.
 */
@NullMarked
package dev.berth.artifacts.github;

import org.jspecify.annotations.NullMarked;
