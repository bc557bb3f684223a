/** A user's application on the module path: it reads berth's artifacts module and nothing else of berth. */
module dev.berth.modapp {
  requires dev.berth.artifacts;
}
