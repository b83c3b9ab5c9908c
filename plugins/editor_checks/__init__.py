"""What strict_metadata checks in the editors' files, one module per stage of the build.

- ``fields``: the fields at the top of one Markdown file, as written;
- ``body``: the HTML the reader made of its text (tables, headings, third-party files);
- ``addresses``: what the whole site writes (two sources at one address, spellings);
- ``sources``: files the build would skip, and page templates the theme lacks.

Each check returns the text that follows ``content/…/x.md: `` in the editor's message:
``champ "title" …`` for a field, ``ligne 12 : …`` for a line of the file. The plugin adds the
path, logs each message once and stops the build. These modules import nothing of the
plugin, so that Pelican loading it by file (PLUGIN_PATHS) does not import them twice.
"""
