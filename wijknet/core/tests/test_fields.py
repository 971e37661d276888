import pytest
from cryptography.fernet import Fernet
from django.db import connection

from wijknet.core import fields


def test_round_trip_and_the_stored_text_is_not_readable():
    stored = fields.encrypt("Mevrouw valt vaak; dochter is mantelzorger")
    assert stored.startswith(fields.PREFIX)
    assert "mantelzorger" not in stored
    assert fields.decrypt(stored) == "Mevrouw valt vaak; dochter is mantelzorger"


def test_an_old_key_still_decrypts_after_rotation(settings):
    old = Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEYS = [old]
    stored = fields.encrypt("geheim")
    settings.FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode(), old]
    assert fields.decrypt(stored) == "geheim"


def test_a_wrong_key_fails_loudly(settings):
    stored = fields.encrypt("geheim")
    settings.FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    with pytest.raises(ValueError, match="cannot be decrypted"):
        fields.decrypt(stored)


def test_plain_text_in_the_column_is_refused():
    with pytest.raises(ValueError, match="not encrypted"):
        fields.decrypt("leesbaar")


def test_field_prepares_ciphertext_and_reads_plain_text():
    field = fields.EncryptedTextField()
    stored = field.get_prep_value("notitie")
    assert stored != "notitie"
    assert field.from_db_value(stored, None, connection) == "notitie"
    assert field.get_prep_value("") == ""
    assert field.from_db_value(None, None, connection) is None
