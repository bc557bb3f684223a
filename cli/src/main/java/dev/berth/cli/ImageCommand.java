package dev.berth.cli;

import picocli.CommandLine.Command;

/** {@code berth image}: build images without a container runtime. */
@Command(name = "image", mixinStandardHelpOptions = true,
    description = "Work with container images.",
    subcommands = {ImageAppendCommand.class, ImageBuildCommand.class})
final class ImageCommand {
}
