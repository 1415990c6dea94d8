import hashlib

import pytest

from services.opportunity.domain.attachments import (
    AttachmentError,
    AttachmentPolicy,
    check_upload,
    sanitise_filename,
)

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 64
PDF = b"%PDF-1.7\n" + b"x" * 64
POLICY = AttachmentPolicy(max_bytes=1024, max_files_per_activity=2)


def check(name="photo.png", claimed="image/png", data=PNG, policy=POLICY, already=0):
    return check_upload(
        filename=name, claimed_type=claimed, data=data, policy=policy, files_already_attached=already
    )


def test_a_photo_is_stored_with_its_sniffed_type_size_and_sha256():
    checked = check()
    assert (checked.filename, checked.content_type, checked.size) == ("photo.png", "image/png", len(PNG))
    assert checked.sha256 == hashlib.sha256(PNG).hexdigest()


def test_a_generic_claimed_type_is_replaced_by_what_the_bytes_say():
    assert (
        check(name="quote.pdf", claimed="application/octet-stream", data=PDF).content_type
        == "application/pdf"
    )


def test_bytes_that_do_not_match_the_claimed_type_are_refused():
    with pytest.raises(AttachmentError) as err:
        check(name="quote.pdf", claimed="application/pdf", data=PNG)
    assert err.value.code == "FILE_TYPE_MISMATCH"


def test_an_extension_that_lies_about_the_content_is_refused():
    with pytest.raises(AttachmentError) as err:
        check(name="photo.pdf", claimed=None)
    assert err.value.code == "FILE_TYPE_MISMATCH"


def test_an_executable_or_unknown_content_is_not_allowed():
    with pytest.raises(AttachmentError) as err:
        check(name="setup.png", data=b"MZ" + b"\x90" * 100)
    assert err.value.code == "FILE_TYPE_NOT_ALLOWED"
    with pytest.raises(AttachmentError):
        check(name="notes.txt", claimed="text/plain", data=b"plain words")


def test_an_oversized_file_is_refused_with_the_limit():
    with pytest.raises(AttachmentError) as err:
        check(data=PNG + b"\x00" * 2048)
    assert err.value.code == "FILE_TOO_LARGE"
    assert (err.value.details or {})["limit"] == 1024


def test_an_activity_holds_a_bounded_number_of_files():
    with pytest.raises(AttachmentError) as err:
        check(already=2)
    assert err.value.code == "TOO_MANY_FILES"


def test_an_empty_file_is_refused():
    with pytest.raises(AttachmentError) as err:
        check(data=b"")
    assert err.value.code == "EMPTY_FILE"


@pytest.mark.parametrize(
    ("raw", "safe"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\amy\\樣品照片.jpg", "樣品照片.jpg"),
        ('a<b>:"c|?*.pdf', "a_b___c___.pdf"),
        ("...hidden", "hidden"),
        ("", "file"),
        ("line\nbreak.png", "line_break.png"),
    ],
)
def test_file_names_are_sanitised(raw, safe):
    assert sanitise_filename(raw) == safe


def test_long_names_are_cut_keeping_the_extension():
    name = sanitise_filename("報" * 400 + ".pdf")
    assert len(name) == 150
    assert name.endswith(".pdf")
