import type { CatalogueVariant } from "./catalogue.js";
import type { Cart, Order } from "./shop.js";

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem}
table{width:100%;border-collapse:collapse}td{padding:.4rem 0}button{font-size:1.1rem;padding:.6rem 1.4rem}</style>
</head><body><p><small>JIGA local shop: a stand-in for Shopify's checkout, no real payment.</small></p>
${body}</body></html>`;
}

/** The checkout of a cart: its lines and a Pay button that completes it as a paid order. */
export function checkoutPage(cart: Cart, variantOf: (id: number) => CatalogueVariant | undefined): string {
  if (cart.orderId !== null)
    return page("Already paid", `<h1>Already paid</h1><p>This checkout became order ${cart.orderId}.</p>`);
  const rows = cart.lines
    .map((line) => {
      const variant = variantOf(line.variantId);
      return `<tr><td>${escapeHtml(variant?.title ?? "Unknown item")} × ${line.quantity}</td><td>$${escapeHtml(variant?.price ?? "?")}</td></tr>`;
    })
    .join("");
  return page(
    "Checkout",
    `<h1>Checkout</h1><table>${rows}</table>
<form method="post" action="/checkouts/cn/${escapeHtml(cart.token)}/pay"><button type="submit">Pay</button></form>`,
  );
}

export function thankYouPage(order: Order): string {
  return page(
    "Thank you",
    `<h1>Thank you!</h1><p>Order ${escapeHtml(order.name)} is ${escapeHtml(order.financial_status)}. Your DOF arrive in the app in a moment.</p>`,
  );
}
