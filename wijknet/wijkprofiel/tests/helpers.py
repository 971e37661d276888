from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

from wijknet.wijkprofiel import imports, services

SAMPLES = Path(__file__).resolve().parents[3] / "content" / "wijkprofiel"
CBS = SAMPLES / "cbs-kerncijfers-voorbeeld.csv"
GGD_2020 = SAMPLES / "ggd-gezondheidsmonitor-2020-voorbeeld.csv"
GGD_2022 = SAMPLES / "ggd-gezondheidsmonitor-2022-voorbeeld.csv"


def upload(content: bytes | str, name="cijfers.csv"):
    if isinstance(content, str):
        content = content.encode()
    return SimpleUploadedFile(name, content, content_type="text/csv")


def load(path, year=None, user=None):
    parsed = imports.parse(upload(path.read_bytes(), path.name), year=year)
    return services.area_data_import(acting_user=user, parsed=parsed, filename=path.name)


def load_samples(user=None):
    load(CBS, year=2024, user=user)
    load(GGD_2020, user=user)
    load(GGD_2022, user=user)
