"""Speed and memory measurements (``eventwire bench …``) and the corpora they run on."""
