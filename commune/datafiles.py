"""Reading the editors' data files (``content/data/*.toml``) with errors they can act on."""

import datetime
import re
import tomllib
from pathlib import Path


class DataError(ValueError):
    """A data file that cannot be used; the message names the file, the entry and the field."""

    def __init__(self, path, problem, field=None, entry=None):
        self.path, self.problem, self.field, self.entry = str(path), problem, field, entry
        super().__init__(str(self))

    def __str__(self):
        where = f"entrée {self.entry}, " if self.entry is not None else ""
        what = f'champ "{self.field}" ' if self.field else ""
        return f"{self.path}: {where}{what}{self.problem}"


def read_toml(path):
    """Return the parsed TOML file, or raise DataError saying where the syntax is wrong."""
    path = Path(path)
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise DataError(path, "fichier introuvable") from None
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        raise DataError(
            path,
            f"ligne {line} : caractère illisible : le fichier n'est pas enregistré en UTF-8 "
            "(sans doute en Windows-1252 ou Latin-1) ; rouvrez-le et enregistrez-le en UTF-8",
        ) from None
    except tomllib.TOMLDecodeError as exc:
        where = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        detail = str(exc).split(" (at line")[0]
        at = f" ligne {where.group(1)}, colonne {where.group(2)}" if where else ""
        raise DataError(
            path,
            f"syntaxe TOML invalide{at} : vérifiez les crochets, les guillemets et le signe = "
            f"de cette ligne (détail technique : {detail})",
        ) from None


class Fields:
    """Typed access to one table of a data file, failing with the file, entry and field."""

    def __init__(self, path, table, entry=None):
        self.path, self.table, self.entry = path, table, entry
        if not isinstance(table, dict):
            raise DataError(path, "doit être une table de champs", entry=entry)

    def error(self, field, problem):
        return DataError(self.path, problem, field=field, entry=self.entry)

    def text(self, field, default=None):
        """A non-empty string; required unless a default is given."""
        value = self.table.get(field, default)
        if value is None:
            raise self.error(field, "manquant")
        if not isinstance(value, str) or not value.strip():
            raise self.error(field, f"invalide « {value} » (texte non vide attendu)")
        return value.strip()

    def texts(self, field):
        """A non-empty list of non-empty strings."""
        value = self.table.get(field)
        if value is None:
            raise self.error(field, "manquant")
        if (
            not isinstance(value, list)
            or not value
            or not all(isinstance(v, str) and v.strip() for v in value)
        ):
            raise self.error(field, "invalide (liste de textes attendue)")
        return tuple(v.strip() for v in value)

    def date(self, field):
        """A TOML date (AAAA-MM-JJ, no time, no quotes)."""
        value = self.table.get(field)
        if not isinstance(value, datetime.date) or isinstance(value, datetime.datetime):
            raise self.error(field, f"invalide « {value} » (une date AAAA-MM-JJ est attendue)")
        return value

    def table_of(self, field):
        value = self.table.get(field)
        if value is None:
            raise self.error(field, "manquant")
        return Fields(self.path, value, entry=field)

    def entries(self, field):
        """Each table of an array of tables (``[[field]]``), numbered from 1 in errors."""
        value = self.table.get(field)
        if not isinstance(value, list) or not value:
            raise self.error(field, "manquant (au moins une entrée [[" + field + "]] attendue)")
        return [Fields(self.path, item, entry=f"{field} n° {n}") for n, item in enumerate(value, 1)]
