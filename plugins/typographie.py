"""French typography in the build: Markdown when it is read, the theme's templates when
they are compiled (commune/typographie.py has the rules, shared with formsvc).

Editors type ordinary spaces, straight apostrophes, ``--`` and ``...``; readers get
« 18 h 30 » on one line, « : » kept with its word, ’, – and …. Tags, attributes and code
are left alone.
"""

from pelican import signals

from commune.typographie import FILTERS, TypographieExtension, smarten, typeset


def typesetting_reader(reader_class):
    """``reader_class`` with its output typeset: done when the file is read, so Pelican's
    content cache keeps the result and a cached rebuild does not do it again."""

    class TypesettingReader(reader_class):
        def read(self, source_path):
            content, metadata = super().read(source_path)
            for field in ("title", "summary"):
                if isinstance(metadata.get(field), str):
                    metadata[field] = typeset(smarten(metadata[field]))
            # Category and tag names are shown too; their slug (hence URL) does not change,
            # as slugify drops apostrophes and turns every kind of space into a dash.
            names = [metadata.get("category"), *metadata.get("tags", ())]
            for wrapper in filter(None, names):
                wrapper.name = typeset(wrapper.name, html=False)
            return typeset(smarten(content)), metadata

    return TypesettingReader


def typeset_markdown(readers):
    for extension in ("md", "markdown", "mkd", "mdown"):
        if extension in readers.reader_classes:
            readers.reader_classes[extension] = typesetting_reader(
                readers.reader_classes[extension]
            )


def typeset_templates(generator):
    generator.env.add_extension(TypographieExtension)
    generator.env.filters.update(FILTERS)


def register():
    # After strict_metadata (PLUGINS order): its strict reader is the one wrapped.
    signals.readers_init.connect(typeset_markdown)
    signals.generator_init.connect(typeset_templates)
