"""Data shipped with convviz (samples, icons, translations); read via convviz.resources_path."""
