import { graphql } from '../gql';

export const LineItemFields = graphql(`
  fragment LineItemFields on LineItem {
    productId
    productCode
    productName
    productLine
    quantity
    unitPrice { amount currency }
    discountPercent
    total { amount currency }
  }
`);

// What a line can sell: the catalogue's active products.
export const SellableProductsQuery = graphql(`
  query SellableProducts {
    products(filter: { active: true }, first: 100) {
      nodes { id code nameZh nameEn productLine listPrice { amount currency } }
    }
  }
`);

export const SetLineItemsMutation = graphql(`
  mutation SetLineItems($input: SetLineItemsInput!) {
    setLineItems(input: $input) {
      id
      version
      value { amount currency }
      lineItems { ...LineItemFields }
    }
  }
`);
