import { graphql } from '../gql';

export const ProductFields = graphql(`
  fragment ProductFields on Product {
    id
    code
    nameZh
    nameEn
    productLine
    listPrice { amount currency }
    launchDate
    active
    version
  }
`);

export const ProductsQuery = graphql(`
  query Products($filter: ProductFilter, $after: String) {
    viewer { userId role }
    products(filter: $filter, first: 50, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { ...ProductFields }
    }
  }
`);

export const CreateProductMutation = graphql(`
  mutation CreateProduct($input: ProductInput!) {
    createProduct(input: $input) { ...ProductFields }
  }
`);

export const UpdateProductMutation = graphql(`
  mutation UpdateProduct($id: ID!, $expectedVersion: Int!, $input: ProductInput!) {
    updateProduct(id: $id, expectedVersion: $expectedVersion, input: $input) { ...ProductFields }
  }
`);
