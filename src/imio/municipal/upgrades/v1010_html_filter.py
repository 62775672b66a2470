"""1009 -> 1010: rich text shows no frames, plugins, forms or inline style."""

from imio.municipal.platform.html_filter import harden_html_filter


def upgrade(context):
    harden_html_filter()
