"""Recipients to roles (issue 14): names as planners write them, kept as written."""

from __future__ import annotations

import pytest

from engine.templates.roles import RoleListError, parse_roles


def test_new_roles_keep_the_names_written_after_their_ids() -> None:
    roles = parse_roles("it-department=IT Department, pr=PR,ceo=CEO,seoul")
    assert [(role.id, role.name) for role in roles] == [
        ("it-department", "IT Department"),
        ("pr", "PR"),
        ("ceo", "CEO"),
        ("seoul", "Seoul"),
    ]


@pytest.mark.parametrize(("text", "needle"), [("IT Department", "e.g. it=IT Department"), ("pr=P\x1bR", "printable")])
def test_a_name_without_an_id_or_with_control_characters_is_refused(text: str, needle: str) -> None:
    with pytest.raises(RoleListError, match=needle):
        parse_roles(text)
