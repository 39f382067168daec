#!/bin/sh
# e2e_bad_envelopes: a device that trusts one operator key (no --insecure) runs kv-counter
# version 1 from a signed envelope. Each bad envelope below is sent with `tcctl dev install`:
# it must be refused with its own reason in the CoAP answer and an install_refused event with
# the same reason, and kv-counter must stay version 1, running, counting. Then a good version 2
# installs.
#   truncated          the envelope cut in half                        truncated
#   too many signers   five signatures (the device holds four)         too_large
#   oversized          an envelope over the device's 96 KiB buffer     4.13 from the block layer
#   bad signature      one bit of the signature flipped                bad_signature
#   tampered manifest  one bit of the manifest flipped                 digest_mismatch
#   tampered image     one bit of the integrated image flipped         image_mismatch
#   another key        signed by a key the device does not trust       unknown_key
#   other algorithm    signed with Ed25519 (the device trusts a P-256 key) unsupported
#   unsigned body      [image, manifest] without --insecure            unsigned_envelope
#   replayed           version 1's envelope again                      rollback
#   wrong vendor       made for another vendor id                      wrong_vendor
#   wrong class        made for another class id                       wrong_class
# Then, on the same device restarted with --tenant-key tests=... --require-tenant-signature, an
# envelope signed by the operator alone is refused (tenant_signature) and one co-signed by the
# tenant installs.
# Usage: run_bad_envelopes.sh TC_DEVICE TCCTL E2E_JSON IMAGES_DIR SOURCE_DIR
set -u
device=$1 tcctl=$2 check=$3 images=$4 src=$5
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
. "$here/common.sh"


board=$src/tests/data/boards/smartdronebox.json
image=$images/kv_counter.tcx
device_flags="--trust $work/ops/public.pem"

"$tcctl" keygen --alg es256 -o "$work/ops" >/dev/null || { echo "FAIL keygen"; exit 1; }
"$tcctl" keygen --alg es256 -o "$work/other" >/dev/null || { echo "FAIL keygen"; exit 1; }
"$tcctl" keygen --alg eddsa -o "$work/eddsa" >/dev/null || { echo "FAIL keygen"; exit 1; }
for k in 1 2 3 4 5; do "$tcctl" keygen -o "$work/k$k" >/dev/null || exit 1; done
sed 's/"version": 1,/"version": 2,/' "$here/kv_counter.json" >"$work/v2.json"

# sign OUT MANIFEST [tcctl sign options...]
sign() {
  out=$1 manifest=$2
  shift 2
  "$tcctl" sign "$image" "$manifest" -o "$work/$out" "$@" >/dev/null 2>"$work/sign.err" ||
    { echo "FAIL tcctl sign $out: $(cat "$work/sign.err")"; exit 1; }
}
ops="--key $work/ops/private.pem"
# shellcheck disable=SC2086 # the options are words
{
  sign v1.suit "$here/kv_counter.json" $ops --board "$board" --seq 1
  sign v2.suit "$work/v2.json" $ops --board "$board" --seq 2
  sign other.suit "$work/v2.json" --key "$work/other/private.pem" --board "$board" --seq 2
  sign eddsa.suit "$work/v2.json" --key "$work/eddsa/private.pem" --board "$board" --seq 2
  sign five.suit "$work/v2.json" $ops --key "$work/k1/private.pem" --key "$work/k2/private.pem" \
    --key "$work/k3/private.pem" --key "$work/k4/private.pem" --board "$board" --seq 2
  sign vendor.suit "$work/v2.json" $ops --vendor-id 00112233-4455-6677-8899-aabbccddeeff \
    --class-id 00112233-4455-6677-8899-aabbccddeeff --seq 2
  sign class.suit "$work/v2.json" $ops --board "$board" --seq 2
}
# wrong class: the board's vendor, another class.
vendor=$("$tcctl" suit inspect "$work/class.suit" | sed -n 's/.*vendor-id.*\([0-9a-f]\{8\}-[0-9a-f-]\{27\}\).*/\1/p' | head -1)
if [ -n "$vendor" ]; then
  # shellcheck disable=SC2086
  sign class.suit "$work/v2.json" $ops --vendor-id "$vendor" \
    --class-id 00112233-4455-6677-8899-aabbccddeeff --seq 2
else
  fail "tcctl suit inspect shows no vendor-id"
fi

size=$(wc -c <"$work/v2.suit")
head -c $((size / 2)) "$work/v2.suit" >"$work/truncated.suit"
cp "$work/v2.suit" "$work/badsig.suit"
at=$("$check" find "$work/badsig.suit" d28443a10126) || { echo "FAIL no COSE_Sign1 in the envelope"; exit 1; }
"$check" flip "$work/badsig.suit" $((at + 40))
cp "$work/v2.suit" "$work/manifest.suit"
# A bit of the image digest inside the manifest: the structure stays whole, the signed digest
# of the manifest no longer matches.
digest=$(sha256sum "$image" | cut -c1-64)
at=$("$check" find "$work/manifest.suit" "$digest") || { echo "FAIL no image digest in the envelope"; exit 1; }
"$check" flip "$work/manifest.suit" $((at + 7))
cp "$work/v2.suit" "$work/image.suit"
"$check" flip "$work/image.suit" $((size - 200))
head -c 100000 /dev/zero | tr '\0' 'x' >"$work/oversized.suit"
printf '\202\101x\101y' >"$work/unsigned.cbor"  # [h'78', h'79']

start_device device "$board" "$work/state"
dev install "$work/v1.suit" || { echo "FAIL install version 1: $(cat "$work/dev.out" "$work/dev.err")"; exit 1; }
status kv-counter "$work/st.json" || exit 1
[ "$(j "$work/st.json" /state)" = running ] || dev start kv-counter
ok "kv-counter version 1 runs from a signed envelope"

# refused CASE FILE REASON: the install of FILE is refused with REASON, in the answer and in an
# install_refused event, and kv-counter is untouched.
refused() {
  name=$1 file=$2 reason=$3
  from=$("$tcctl" dev -d "$d" --timeout 3 -o json stats 2>/dev/null | sed -n 's/.*"next_event": *\([0-9]*\).*/\1/p')
  if dev install "$file"; then
    fail "$name: accepted"
    return
  fi
  if [ "$reason" = "4.13" ]; then
    grep -q "4.13" "$work/dev.out" "$work/dev.err" || { fail "$name: not 4.13: $(cat "$work/dev.err")"; return; }
  else
    grep -q "$reason" "$work/dev.out" "$work/dev.err" ||
      { fail "$name: the answer does not say $reason: $(cat "$work/dev.out" "$work/dev.err")"; return; }
    "$tcctl" dev -d "$d" --timeout 3 -o json events --from "${from:-1}" >"$work/events.json" 2>/dev/null
    n=$("$check" events "$work/events.json" "$4" install_refused "$reason")
    [ "$n" -ge 1 ] || { fail "$name: no install_refused event with reason $reason"; return; }
  fi
  status kv-counter "$work/st.json" || return
  [ "$(j "$work/st.json" /version)" = "${5:-1}" ] || fail "$name: kv-counter is now version $(j "$work/st.json" /version)"
  [ "$(j "$work/st.json" /state)" = running ] || fail "$name: kv-counter is $(j "$work/st.json" /state)"
  ok "$name: refused ($reason), kv-counter version ${5:-1} still running"
}

refused "truncated" "$work/truncated.suit" truncated "*"
refused "too many signers" "$work/five.suit" too_large "*"
refused "oversized" "$work/oversized.suit" 4.13
refused "bad signature" "$work/badsig.suit" bad_signature kv-counter
refused "tampered manifest" "$work/manifest.suit" digest_mismatch kv-counter
refused "tampered image" "$work/image.suit" image_mismatch kv-counter
refused "another key" "$work/other.suit" unknown_key kv-counter
refused "other algorithm" "$work/eddsa.suit" unsupported kv-counter
refused "unsigned body" "$work/unsigned.cbor" unsigned_envelope "*"
refused "replayed" "$work/v1.suit" rollback kv-counter
refused "wrong vendor" "$work/vendor.suit" wrong_vendor kv-counter
refused "wrong class" "$work/class.suit" wrong_class kv-counter

sleep 0.1
status kv-counter "$work/st.json" && [ "$(j "$work/st.json" /stats/activations)" -gt 10 ] ||
  fail "kv-counter stopped counting"
if dev install "$work/v2.suit"; then
  status kv-counter "$work/st.json"
  [ "$(j "$work/st.json" /version)" = 2 ] && [ "$(j "$work/st.json" /sequence)" = 2 ] ||
    fail "after the good update: version $(j "$work/st.json" /version)"
  ok "the good envelope (version 2, sequence 2) installs"
else
  fail "good update refused: $(cat "$work/dev.out" "$work/dev.err")"
fi
# A device that also requires the tenant's signature (kv-counter's tenant is "tests").
"$tcctl" keygen --alg eddsa -o "$work/tenant" >/dev/null || exit 1
sed 's/"version": 1,/"version": 3,/' "$here/kv_counter.json" >"$work/v3.json"
# shellcheck disable=SC2086
{
  sign v3-ops.suit "$work/v3.json" $ops --board "$board" --seq 3
  sign v3-both.suit "$work/v3.json" $ops --key "$work/tenant/private.pem" --board "$board" --seq 3
}
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
device_flags="$device_flags --tenant-key tests=$work/tenant/public.pem --require-tenant-signature"
start_device device "$board" "$work/state"
status kv-counter "$work/st.json" || exit 1
refused "operator signature only" "$work/v3-ops.suit" tenant_signature kv-counter 2
if dev install "$work/v3-both.suit"; then
  status kv-counter "$work/st.json"
  [ "$(j "$work/st.json" /version)" = 3 ] || fail "after the co-signed update: version $(j "$work/st.json" /version)"
  ok "signed by the operator and the tenant: installs"
else
  fail "co-signed update refused: $(cat "$work/dev.out" "$work/dev.err")"
fi
[ "$failures" -eq 0 ] || { tail -30 "$work/device.log"; exit 1; }
echo "all bad-envelope checks passed"
