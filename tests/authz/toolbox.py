from tests.support.authz import EDITORS, LOGIN, NOT_FOUND, READERS, Case, logged_in, members_only

# The toolbox is global content, read inside a network (like the step plan); a network's own
# items only by its members. The world's item is an own item of each network, so every item
# page is also tried with the other network's item (404).
OWN = ("network_slug", "item_key")
EDITOR_ONLY = {**logged_in(NOT_FOUND), "anonymous": LOGIN}  # platform editors are staff

MATRIX = {
    "toolbox:list": Case(members_only(READERS), kwargs=("network_slug",)),
    "toolbox:item": Case(members_only(READERS), kwargs=OWN, foreign=True),
    "toolbox:own_create": Case(members_only(EDITORS), kwargs=("network_slug",)),
    "toolbox:own_edit": Case(members_only(EDITORS), kwargs=OWN, foreign=True),
    "toolbox:own_delete": Case(members_only(EDITORS), kwargs=OWN, foreign=True),
    "toolbox:own_offer": Case(members_only(EDITORS), kwargs=OWN, foreign=True),
    "toolbox:offers": Case(EDITOR_ONLY),
    "toolbox:offer_decide": Case(EDITOR_ONLY, kwargs=("item_key",), method="post"),
}


def world(network, other_network, coordinator):
    from wijknet.toolbox.models import Kind, ToolboxItem

    def own(net, key):
        return ToolboxItem.objects.create(
            key=key, kind=Kind.STORY, title="Ons verhaal", source=net.name, network=net
        ).key

    return {"item_key": (own(network, "eigen-ons"), own(other_network, "eigen-ander"))}
