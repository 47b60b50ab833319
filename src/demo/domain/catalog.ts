export interface Product {
  id: string;
  name: string;
  description: string;
  /** Integer cents. */
  unitPrice: number;
}

/** What the demo coffee shop sells. */
export const catalog: readonly Product[] = [
  {
    id: 'flat-white',
    name: 'Flat white',
    description: 'Double ristretto with silky steamed milk.',
    unitPrice: 340,
  },
  {
    id: 'espresso',
    name: 'Espresso',
    description: 'A short, syrupy shot of the house blend.',
    unitPrice: 240,
  },
  {
    id: 'oat-cortado',
    name: 'Oat cortado',
    description: 'Espresso cut with an equal part of steamed oat milk.',
    unitPrice: 320,
  },
  {
    id: 'cold-brew',
    name: 'Cold brew',
    description: 'Steeped for 18 hours, served over ice.',
    unitPrice: 380,
  },
  {
    id: 'almond-croissant',
    name: 'Almond croissant',
    description: 'Twice-baked with frangipane and toasted flaked almonds.',
    unitPrice: 365,
  },
  {
    id: 'cardamom-bun',
    name: 'Cardamom bun',
    description: 'Swedish-style knot with crushed cardamom and pearl sugar.',
    unitPrice: 325,
  },
  {
    id: 'house-blend-beans',
    name: 'House blend beans, 250 g',
    description: 'Whole beans from Brazil and Ethiopia; chocolate and stone fruit.',
    unitPrice: 1290,
  },
];

export function findProduct(productId: string): Product | undefined {
  return catalog.find((product) => product.id === productId);
}
