/** At most `max` items, then "and N more", so a reason stays one readable line. */
export function listed(items: string[], max = 6): string {
  return items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}
