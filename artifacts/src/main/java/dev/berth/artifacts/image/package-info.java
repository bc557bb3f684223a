/**
 * Container images: choose a platform from an index ({@link dev.berth.artifacts.image.PlatformSelector}),
 * read them ({@link dev.berth.artifacts.image.Images}), and build new images on a base by appending layers
 * and changing the config ({@link dev.berth.artifacts.image.ImageBaker}, {@link
 * dev.berth.artifacts.image.BakedImage}), with no container runtime.
 */
@NullMarked
package dev.berth.artifacts.image;

import org.jspecify.annotations.NullMarked;
