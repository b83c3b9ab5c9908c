"""``{{ asset("css/site.css") }}`` in templates: the URL of a fingerprinted copy of a theme file.

The copies (``theme/css/site.<hash>.css``) are written after the build, beside the originals,
so that nginx can cache them for a year (deploy/nginx/http.conf).
"""

import os
import shutil

from pelican import signals

from commune.assets import FINGERPRINTED, fingerprinted


def static_root(settings):
    return os.path.join(settings["THEME"], "static")


def add_asset_function(generator):
    settings = generator.settings
    root, prefix = static_root(settings), f"{settings['SITEURL']}/{settings['THEME_STATIC_DIR']}"
    urls = {}  # two calls a page, 6,000 a build: one stat and one hash per file is enough

    def asset(relative):
        if relative not in urls:
            urls[relative] = f"{prefix}/{fingerprinted(root, relative)}"
        return urls[relative]

    generator.env.globals["asset"] = asset


def write_copies(pelican):
    root = static_root(pelican.settings)
    target = os.path.join(pelican.output_path, pelican.settings["THEME_STATIC_DIR"])
    for folder, _dirs, files in os.walk(root):
        for name in files:
            if os.path.splitext(name)[1] in FINGERPRINTED:
                relative = os.path.relpath(os.path.join(folder, name), root)
                destination = os.path.join(target, fingerprinted(root, relative))
                os.makedirs(os.path.dirname(destination), exist_ok=True)
                shutil.copyfile(os.path.join(folder, name), destination)


def register():
    signals.generator_init.connect(add_asset_function)
    signals.finalized.connect(write_copies)
