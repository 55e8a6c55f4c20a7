#!/bin/sh
# price-quote.sh: a legacy-style pricing program, the kind a batch system has run for decades.
# Reads one JSON record from stdin, e.g. {"sku": "BOLT-M8", "quantity": 250}
# and prints the quote as JSON on stdout:
#   {"sku":"BOLT-M8","quantity":250,"unitPrice":0.12,"discount":0.05,"total":28.50}
# Exit codes (sysexits.h): 0 ok; 65 (EX_DATAERR) the record is wrong, for good; 75 (EX_TEMPFAIL) the price list
# is being replaced, try again later. Diagnostics go to stderr. Only sh, sed and awk: nothing to install.

PRICES="${PRICE_LIST:-$(dirname "$0")/prices.txt}"

record=$(cat)
field() { # the value of a flat JSON field: a string without its quotes, or a number
  printf '%s' "$record" | tr -d '\n' | sed -n \
    -e "s/.*\"$1\"[[:space:]]*:[[:space:]]*\"\([^\"]*\)\".*/\1/p" -e t \
    -e "s/.*\"$1\"[[:space:]]*:[[:space:]]*\([-0-9.][-0-9.eE+]*\).*/\1/p"
}
sku=$(field sku)
quantity=$(field quantity)

if [ -z "$sku" ]; then
  echo "price-quote: the record has no sku: $record" >&2; exit 65
fi
case "$quantity" in
  ''|*[!0-9]*|0) echo "price-quote: quantity must be a whole number above 0, not '$quantity'" >&2; exit 65 ;;
esac
if [ ! -r "$PRICES" ]; then
  echo "price-quote: price list $PRICES cannot be read now" >&2; exit 75
fi

awk -v sku="$sku" -v qty="$quantity" '
  $1 == sku { price = $2; found = 1 }
  END {
    if (!found) { printf "price-quote: unknown sku %s\n", sku > "/dev/stderr"; exit 65 }
    discount = qty >= 1000 ? 0.10 : qty >= 100 ? 0.05 : 0
    total = qty * price * (1 - discount)
    printf "{\"sku\":\"%s\",\"quantity\":%d,\"unitPrice\":%.2f,\"discount\":%.2f,\"total\":%.2f}\n", \
      sku, qty, price, discount, total
  }' "$PRICES"
