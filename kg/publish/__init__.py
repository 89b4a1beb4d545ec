"""Publishing: the graph written in national formats and dumps."""
