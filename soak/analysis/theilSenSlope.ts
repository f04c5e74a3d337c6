/**
 * The Theil-Sen estimate of y's growth per unit of x: the median of the slopes between
 * every two points. Robust to a few points left high or low (up to 29%), while a steady
 * growth moves every pairwise slope. 0 for fewer than two distinct x.
 */
export function theilSenSlope(points: readonly { readonly x: number; readonly y: number }[]): number {
  const slopes: number[] = [];
  for (let i = 0; i < points.length; i++) {
    for (let j = i + 1; j < points.length; j++) {
      const a = points[i];
      const b = points[j];
      if (!a || !b || a.x === b.x) continue;
      slopes.push((b.y - a.y) / (b.x - a.x));
    }
  }
  if (slopes.length === 0) return 0;
  slopes.sort((p, q) => p - q);
  const mid = slopes.length >> 1;
  return slopes.length % 2 === 1 ? (slopes[mid] ?? 0) : ((slopes[mid - 1] ?? 0) + (slopes[mid] ?? 0)) / 2;
}
