"""Vietnamese alphabetical order: letters first (a ă â … đ … ơ … ư), tones only to break ties."""

from danvan.core.text import place_name_key, vi_sort_key


def test_it_sorts_letters_the_vietnamese_way():
    words = ["Đà Nẵng", "Dương", "Ân", "Ăn", "An", "Ơn", "Ôn", "On", "Ưng", "Ung", "Bến", "Bắc"]
    assert sorted(words, key=vi_sort_key) == [
        "An",
        "Ăn",
        "Ân",
        "Bắc",
        "Bến",
        "Dương",
        "Đà Nẵng",
        "On",
        "Ôn",
        "Ơn",
        "Ung",
        "Ưng",
    ]


def test_tones_only_break_ties_in_dictionary_order():
    assert sorted(["Mạ", "Má", "Mã", "Mả", "Mà", "Ma"], key=vi_sort_key) == ["Ma", "Mà", "Mả", "Mã", "Má", "Mạ"]
    assert sorted(["Lào Cai", "Lạng Sơn", "Lai Châu"], key=vi_sort_key) == ["Lai Châu", "Lạng Sơn", "Lào Cai"]


def test_a_shorter_word_comes_first():
    assert sorted(["Cao Bằng", "Cà Mau"], key=vi_sort_key) == ["Cà Mau", "Cao Bằng"]


def test_place_names_sort_without_their_kind():
    names = [
        "Thành phố Hà Nội",
        "Tỉnh An Giang",
        "Thành phố Đà Nẵng",
        "Tỉnh Tuyên Quang",
        "Xã Bình Liêu",
        "Phường Ánh Sáng",
    ]
    assert sorted(names, key=place_name_key) == [
        "Tỉnh An Giang",
        "Phường Ánh Sáng",
        "Xã Bình Liêu",
        "Thành phố Đà Nẵng",
        "Thành phố Hà Nội",
        "Tỉnh Tuyên Quang",
    ]
