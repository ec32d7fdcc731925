/**
 * facette/natsort.Compare (the version Prometheus pins), used by sort_by_label: digit runs compare
 * by length after skipping leading zeros, then as strings; everything else byte by byte.
 * Returns true when a sorts before b.
 */
export function naturalLess(a: string, b: string): boolean {
  let posa = 0;
  let posb = 0;
  for (;;) {
    if (a.length <= posa) return b.length > posb;
    if (b.length <= posb) return false;
    let av = a[posa];
    let bv = b[posb];
    if (isDigit(av) && isDigit(bv)) {
      let lenA = 1;
      let lenB = 1;
      while (posa + lenA < a.length) {
        const x = a[posa + lenA];
        if (av === '0') {
          posa++;
          av = x;
          continue;
        }
        if (isDigit(x)) lenA++;
        else break;
      }
      while (posb + lenB < b.length) {
        const x = b[posb + lenB];
        if (bv === '0') {
          posb++;
          bv = x;
          continue;
        }
        if (isDigit(x)) lenB++;
        else break;
      }
      if (lenB > lenA) return true;
      if (lenA > lenB) return false;
      const sa = a.slice(posa, posa + lenA);
      const sb = b.slice(posb, posb + lenB);
      if (sa < sb) return true;
      if (sa > sb) return false;
      posa += lenA;
      posb += lenB;
      continue;
    }
    if (av === bv) {
      posa++;
      posb++;
      continue;
    }
    return av < bv;
  }
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}
