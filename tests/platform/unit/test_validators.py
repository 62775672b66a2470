"""Identifier and services checks shared by forms and REST."""

from imio.municipal.platform.validators import format_bce
from imio.municipal.platform.validators import MunicipalValidationError
from imio.municipal.platform.validators import validate_bce
from imio.municipal.platform.validators import validate_services

import pytest


@pytest.mark.parametrize("value", ["0216.689.981", "0216689981", "BE 0216 689 981", "216689981"])
def test_valid_bce_numbers(value):
    assert validate_bce(value)


@pytest.mark.parametrize("value", ["0216.689.982", "1234567890", "abc", "02166899", ""])
def test_invalid_bce_numbers_are_refused_with_the_value(value):
    with pytest.raises(MunicipalValidationError) as error:
        validate_bce(value)
    assert error.value.doc().default.startswith("${value} is not a valid BCE/KBO")
    assert error.value.doc().mapping == {"value": value}


def test_bce_is_formatted_as_written_by_the_register():
    assert format_bce("BE0216689981") == "0216.689.981"


def test_services_with_unique_ids_are_accepted():
    assert validate_services(
        [{"id": "urbanisme", "title": "Urbanisme"}, {"id": "travaux", "title": "Travaux"}]
    )
    assert validate_services([])


def test_duplicate_service_ids_are_refused():
    with pytest.raises(MunicipalValidationError) as error:
        validate_services(
            [{"id": "travaux", "title": "Travaux"}, {"id": "travaux", "title": "Voirie"}]
        )
    assert error.value.doc().mapping == {"value": "travaux"}


@pytest.mark.parametrize("service_id", ["Travaux", "2travaux", "tra vaux", "travaux_voirie", ""])
def test_service_ids_must_be_usable_in_group_names(service_id):
    with pytest.raises(MunicipalValidationError):
        validate_services([{"id": service_id, "title": "X"}])
