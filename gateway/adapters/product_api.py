"""The opportunity service's product catalogue, as the gateway uses it."""

from __future__ import annotations

from typing import Any

from gateway.adapters.services import ServiceClient
from servicekit.identity import Identity

PRODUCT = "id code nameZh nameEn productLine listPrice { amount currency } launchDate active createdAt updatedAt version"


class ProductApi:
    def __init__(self, client: ServiceClient) -> None:
        self.client = client

    async def product(self, identity: Identity, product_id: str) -> dict[str, Any]:
        data = await self.client.execute(
            f"query($id: ID!) {{ product(id: $id) {{ {PRODUCT} }} }}", {"id": product_id}, identity
        )
        result: dict[str, Any] = data["product"]
        return result

    async def products(
        self, identity: Identity, *, filter: dict[str, Any], first: int, after: str | None
    ) -> dict[str, Any]:
        """A page; ``filter`` holds ``search``, ``productLine`` and ``active`` when given."""
        query = f"""query($search: String, $productLine: String, $active: Boolean, $first: Int!, $after: String) {{
          products(search: $search, productLine: $productLine, active: $active, first: $first, after: $after) {{
            nodes {{ {PRODUCT} }} pageInfo {{ hasNextPage endCursor }} totalCount }} }}"""
        variables = {
            "search": None,
            "productLine": None,
            "active": None,
            **filter,
            "first": first,
            "after": after,
        }
        data = await self.client.execute(query, variables, identity)
        result: dict[str, Any] = data["products"]
        return result

    async def create_product(self, identity: Identity, product: dict[str, Any]) -> dict[str, Any]:
        query = f"mutation($input: ProductInput!) {{ result: createProduct(input: $input) {{ {PRODUCT} }} }}"
        data = await self.client.execute(query, {"input": product}, identity)
        result: dict[str, Any] = data["result"]
        return result

    async def update_product(
        self, identity: Identity, product_id: str, expected_version: int, product: dict[str, Any]
    ) -> dict[str, Any]:
        query = (
            "mutation($id: ID!, $v: Int!, $input: ProductInput!) "
            f"{{ result: updateProduct(id: $id, expectedVersion: $v, input: $input) {{ {PRODUCT} }} }}"
        )
        data = await self.client.execute(
            query, {"id": product_id, "v": expected_version, "input": product}, identity
        )
        result: dict[str, Any] = data["result"]
        return result
