from tests.support.authz import READERS, Case, members_only

# The toolbox is global content, read inside a network (like the step plan).
MATRIX = {
    "toolbox:list": Case(members_only(READERS), kwargs=("network_slug",)),
    "toolbox:item": Case(members_only(READERS), kwargs=("network_slug", "item_key")),
}


def world(network, other_network, coordinator):
    from wijknet.toolbox.models import Kind, ToolboxItem

    item = ToolboxItem.objects.create(
        key="proeftuin-test", kind=Kind.PILOT, title="Proeftuin", source="002 §4.1"
    )
    return {"item_key": (item.key, None)}
