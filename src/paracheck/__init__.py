"""paracheck: check a document against its translation.

The public API is deliberately small: :func:`paracheck.pipeline.check_pair` runs the whole pass on two
documents, :func:`paracheck.pipeline.run` on whatever a config names.
"""

__version__ = "0.1.0"
