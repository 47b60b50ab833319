import { useEffect, useState } from 'react';
import type { CartView } from '../../domain/shop';
import { formatMoney } from '../format';

type Line = CartView['lines'][number];

/** Text as typed becomes a number when it reads as one; anything else goes to the store as typed, to be refused there. */
function parseQuantity(text: string): number | string {
  const trimmed = text.trim();
  return trimmed !== '' && Number.isFinite(Number(trimmed)) ? Number(trimmed) : trimmed;
}

export function CartLine({
  line,
  disabled,
  onQuantity,
  onRemove,
}: {
  line: Line;
  disabled: boolean;
  onQuantity: (quantity: number | string) => void;
  onRemove: () => void;
}) {
  const [text, setText] = useState(String(line.quantity));
  useEffect(() => setText(String(line.quantity)), [line.quantity]);

  return (
    <li className="cart-line">
      <div className="cart-line-name">
        <strong>{line.name}</strong>
        <span className="muted">{formatMoney(line.unitPrice)} each</span>
      </div>
      <form
        className="quantity"
        onSubmit={(event) => {
          event.preventDefault();
          onQuantity(parseQuantity(text));
        }}
      >
        <label>
          <span className="visually-hidden">Quantity of {line.name}</span>
          <input
            inputMode="numeric"
            value={text}
            disabled={disabled}
            onChange={(event) => setText(event.target.value)}
          />
        </label>
        <button type="submit" className="secondary" disabled={disabled}>
          Update
        </button>
      </form>
      <span className="line-total">{formatMoney(line.lineTotal)}</span>
      <button
        type="button"
        className="link"
        disabled={disabled}
        onClick={onRemove}
        aria-label={`Remove ${line.name}`}
      >
        Remove
      </button>
    </li>
  );
}
