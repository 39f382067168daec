#!/bin/sh
# tcctl's signing tools with the real tcctl; one scenario per run (CMakeLists.txt lists them).
# Usage: run_suit_cli.sh SCENARIO TCCTL IMAGE.tcx SOURCE_DIR [FAKE_DEVICE]
set -u
scenario=$1 tcctl=$2 image=$3 src=$4 fake=${5:-}
manifest=$src/sdk/examples/climate_monitor.json
board=$src/tests/data/boards/smartdronebox.json
# What an envelope adds to the image and manifest it carries, with one signature. DESIGN target:
# below 300 bytes; the layout of docs/suit.md gives 348 (no class) to 368 (a board's class) today.
max_overhead=370
work=$(mktemp -d)
pid=
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null; fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

failures=0
fail() {
  echo "FAIL $*"
  failures=$((failures + 1))
}

# check NAME RC TEXT ARGS...: `tcctl ARGS` exits RC and prints TEXT (stdout or stderr); the
# output stays in $work/out for further checks.
check() {
  name=$1 rc=$2 text=$3
  shift 3
  "$tcctl" "$@" >"$work/out" 2>&1
  actual=$?
  if [ "$actual" -ne "$rc" ] || { [ -n "$text" ] && ! grep -qF -- "$text" "$work/out"; }; then
    fail "$name: exit $actual (expected $rc), expected text '$text'"
    sed 's/^/  | /' "$work/out"
  else
    echo "ok   $name"
  fi
}

# lacks NAME TEXT: the output of the last check does not contain TEXT.
lacks() {
  if grep -qF -- "$2" "$work/out"; then fail "$1: the output contains '$2'"; else echo "ok   $1"; fi
}

# keys: an ES256 pair in $work/es, an EdDSA pair in $work/ed, another ES256 pair in $work/other;
# their kids in $kid_es, $kid_ed.
keys() {
  keygen es --alg es256
  keygen ed --alg eddsa
  keygen other
  kid_es=$(sed -n 's/^kid \([0-9a-f]*\) .*/\1/p' "$work/es.out")
  kid_ed=$(sed -n 's/^kid \([0-9a-f]*\) .*/\1/p' "$work/ed.out")
}

# keygen DIR ARGS...: a key pair in $work/DIR; the output in $work/DIR.out.
keygen() {
  dir=$1
  shift
  "$tcctl" keygen "$@" -o "$work/$dir" >"$work/$dir.out" || { echo "FAIL keygen $dir"; exit 1; }
}

# sign OUT ARGS...: a quiet `tcctl sign IMAGE MANIFEST -o OUT ARGS`; stops the test on failure.
sign() {
  out=$1
  shift
  "$tcctl" sign "$image" "$manifest" -o "$work/$out" "$@" >"$work/sign.out" 2>&1 ||
    { echo "FAIL sign $out"; cat "$work/sign.out"; exit 1; }
}

# flip FILE OFFSET: inverts the lowest bit of one byte, in place.
flip() {
  byte=$(od -An -tu1 -j "$2" -N1 "$1" | tr -d ' ')
  printf '%b' "\\0$(printf %03o $((byte ^ 1)))" | dd of="$1" bs=1 seek="$2" conv=notrunc 2>/dev/null
}

byte_at() { od -An -tu1 -j "$2" -N1 "$1" | tr -d ' '; }

# A board profile with its own identity, and one of another model (so another default class).
boards() {
  sed 's/"model": *"[^"]*",/&\n  "vendor_id": "00112233-4455-6677-8899-aabbccddeeff",\n  "class_id": "fa6b4a53-d5ad-5fdf-be9d-e663e4d41ffe",/' \
    "$board" >"$work/ids.json"
  sed 's/"model": *"[^"]*"/"model": "another-box"/' "$board" >"$work/another.json"
}

scenario_keygen() {
  check keygen_es256 0 "(es256)" keygen -o "$work/es"
  grep -qE '^kid [0-9a-f]{16} \(es256\)$' "$work/out" || fail "keygen_kid: no 16-digit kid line"
  [ "$(stat -c %a "$work/es/private.pem")" = 600 ] || fail "keygen_mode: private.pem is not 0600"
  grep -q "BEGIN PUBLIC KEY" "$work/es/public.pem" || fail "keygen_public: public.pem is no PEM"
  check keygen_eddsa 0 "(eddsa)" keygen --alg eddsa -o "$work/ed"
  [ "$(stat -c %a "$work/ed/private.pem")" = 600 ] || fail "keygen_mode: eddsa private.pem"
  cp "$work/es/private.pem" "$work/kept.pem"
  check keygen_no_overwrite 1 "already exists" keygen -o "$work/es"
  cmp -s "$work/es/private.pem" "$work/kept.pem" || fail "keygen_no_overwrite: the key changed"
  check keygen_bad_alg 105 "--alg" keygen --alg rsa -o "$work/rsa"
  check keygen_nested_dir 0 "(es256)" keygen -o "$work/a/b/c"
}

scenario_sign() {
  keys
  boards
  check sign_one 0 "climate-monitor sequence 1 signed by $kid_es (es256); " \
    sign "$image" "$manifest" --key "$work/es/private.pem" -o "$work/one.suit"
  check sign_one_note 0 "fits every class" \
    sign "$image" "$manifest" --key "$work/es/private.pem" -o "$work/one.suit"
  overhead=$(sed -n 's/.*overhead \([0-9]*\) bytes.*/\1/p' "$work/out")
  echo "     envelope overhead with one signature: $overhead bytes (image $(wc -c <"$image") bytes)"
  if [ -z "$overhead" ] || [ "$overhead" -ge "$max_overhead" ]; then
    fail "sign_overhead: ${overhead:-none} bytes, expected below $max_overhead"
  fi
  check sign_two 0 "signed by $kid_es (es256), $kid_ed (eddsa)" \
    sign "$image" "$manifest" --key "$work/es/private.pem" --key "$work/ed/private.pem" \
    --board "$board" -o "$work/two.suit"
  lacks sign_board_no_note "fits every class"
  # One file per --key: the positionals may follow it.
  check sign_key_first 0 "signed by $kid_es (es256); " \
    sign --key "$work/es/private.pem" "$image" "$manifest" -o "$work/first.suit"
  check verify_key_first 0 "first.suit: verified" \
    suit verify --key "$work/es/public.pem" "$work/first.suit"
  check sign_seq 0 "climate-monitor sequence 7 " \
    sign "$image" "$manifest" --key "$work/ed/private.pem" --seq 7 -o "$work/seven.suit"
  check inspect_seq 0 "manifest-sequence-number (2): 7" suit inspect "$work/seven.suit"
  # The two components, image and manifest, name the container (docs/suit.md has the layout).
  check inspect_image 0 "[0] ['tc', 'climate-monitor', " suit inspect "$work/two.suit"
  check inspect_manifest 0 "[1] ['tc', 'climate-monitor', " suit inspect "$work/two.suit"
  check inspect_signature_1 0 "kid (4): $kid_es" suit inspect "$work/two.suit"
  check inspect_signature_2 0 "signature 2: COSE_Sign1" suit inspect "$work/two.suit"
  check inspect_class 0 "condition-class-identifier" suit inspect "$work/two.suit"
  check inspect_no_class 0 "condition-vendor-identifier" suit inspect "$work/one.suit"
  lacks inspect_no_class_condition "condition-class-identifier"
  sign ids.suit --key "$work/es/private.pem" --board "$work/ids.json"
  check inspect_board_ids 0 "class-id (2): fa6b4a53-d5ad-5fdf-be9d-e663e4d41ffe" \
    suit inspect "$work/ids.suit"
  grep -qF "vendor-id (1): 00112233-4455-6677-8899-aabbccddeeff" "$work/out" ||
    fail "inspect_board_ids: not the board's vendor id"
  sign explicit.suit --key "$work/es/private.pem" --vendor-id 00112233-4455-6677-8899-aabbccddeeff \
    --class-id FA6B4A53-D5AD-5FDF-BE9D-E663E4D41FFE
  check inspect_explicit_ids 0 "class-id (2): fa6b4a53-d5ad-5fdf-be9d-e663e4d41ffe" \
    suit inspect "$work/explicit.suit"
  check inspect_not_envelope 1 "$manifest" suit inspect "$manifest"
  check inspect_missing 2 "cannot read the file" suit inspect "$work/none.suit"
  # Atomic writes leave no temporary file behind.
  leftovers=$(find "$work" -maxdepth 1 -name '*.suit.*' | wc -l)
  [ "$leftovers" -eq 0 ] || fail "sign_atomic: $leftovers temporary files left"
}

scenario_verify() {
  keys
  boards
  sign one.suit --key "$work/es/private.pem"
  sign two.suit --key "$work/es/private.pem" --key "$work/ed/private.pem" --board "$board"
  size=$(wc -c <"$image")
  check verify_ok 0 "one.suit: verified: climate-monitor version 1, sequence 1, image $size bytes" \
    suit verify "$work/one.suit" --key "$work/es/public.pem"
  check verify_signature 0 "signature 1: ES256, kid $kid_es: valid" \
    suit verify "$work/one.suit" --key "$work/es/public.pem"
  check verify_two 0 "signature 2: EdDSA, kid $kid_ed: valid" \
    suit verify "$work/two.suit" --key "$work/es/public.pem" --key "$work/ed/public.pem" \
    --board "$board"
  grep -qF "two.suit: verified: climate-monitor version 1, sequence 1" "$work/out" ||
    fail "verify_two: no deployment line"
  check verify_one_of_two 0 "signature 2: EdDSA, kid $kid_ed: not checked: no --key has this kid" \
    suit verify "$work/two.suit" --key "$work/es/public.pem" --board "$board"
  check verify_bound_without_board 0 "payloads: not checked" \
    suit verify "$work/two.suit" --key "$work/es/public.pem"
  check verify_second_signer 0 "verified: climate-monitor" \
    suit verify "$work/two.suit" --key "$work/ed/public.pem" --board "$board"
  check verify_other_key 1 "one.suit: refused: unknown_key" \
    suit verify "$work/one.suit" --key "$work/other/public.pem"
  check verify_wrong_class 1 "refused: wrong_class" \
    suit verify "$work/two.suit" --key "$work/es/public.pem" --board "$work/another.json"
  check verify_wrong_vendor 1 "refused: wrong_vendor" \
    suit verify "$work/two.suit" --key "$work/es/public.pem" --board "$work/ids.json"
  # A byte in the middle (the integrated image): its digest in the signed manifest fails.
  cp "$work/one.suit" "$work/middle.suit"
  flip "$work/middle.suit" $(($(wc -c <"$work/one.suit") / 2))
  check verify_tampered_middle 1 "middle.suit: refused: " \
    suit verify "$work/middle.suit" --key "$work/es/public.pem"
  # A byte of the signature: the authentication wrapper (tag, map, key 2, bstr head with its
  # length at offset 5) ends with the 64-byte signature.
  cp "$work/one.suit" "$work/signature.suit"
  flip "$work/signature.suit" $((6 + $(byte_at "$work/one.suit" 5) - 10))
  check verify_bad_signature 1 "refused: bad_signature (authentication-wrapper: signature 1)" \
    suit verify "$work/signature.suit" --key "$work/es/public.pem"
  check verify_missing 2 "none.suit: cannot read the file" \
    suit verify "$work/none.suit" --key "$work/es/public.pem"
  check verify_bad_key_file 2 "$manifest" suit verify "$work/one.suit" --key "$manifest"
  check verify_private_as_key 2 "" suit verify "$work/one.suit" --key "$work/es/private.pem"
  check verify_bad_board 2 "cannot read the file" \
    suit verify "$work/one.suit" --key "$work/es/public.pem" --board "$work/none.json"
  check verify_not_envelope 1 "refused: " suit verify "$manifest" --key "$work/es/public.pem"
  check verify_needs_key 106 "--key" suit verify "$work/one.suit"
}

scenario_refusals() {
  keys
  out=$work/out.suit
  es="--key $work/es/private.pem"
  invalid=$src/tests/data/manifests/invalid
  # shellcheck disable=SC2086 # $es is two words
  {
    check refuse_manifest 1 \
      "calls-negative.json: \$.endpoints[1].limits.calls_per_second: expected a non-negative integer below 2^32" \
      sign "$image" "$invalid/calls-negative.json" $es -o "$out"
    check refuse_manifest_syntax 1 "syntax.json: \$: parse error at line 2" \
      sign "$image" "$invalid/syntax.json" $es -o "$out"
    check refuse_manifest_board 1 "\$.endpoints[0].target: no such resource on the board" \
      sign "$image" "$invalid/unknown-resource.json" $es --board "$board" -o "$out"
    check refuse_not_tcx 1 "not a .tcx container image" sign "$manifest" "$manifest" $es -o "$out"
    check refuse_missing_image 1 "none.tcx: cannot read the file" \
      sign "$work/none.tcx" "$manifest" $es -o "$out"
    check refuse_vendor_uuid 1 "--vendor-id: " \
      sign "$image" "$manifest" $es --vendor-id 00112233-4455-6677-8899 -o "$out"
    check refuse_class_uuid 1 "--class-id: " \
      sign "$image" "$manifest" $es --class-id 0011223x-4455-6677-8899-aabbccddeeff -o "$out"
    check refuse_seq_zero 1 "--seq must be at least 1" sign "$image" "$manifest" $es --seq 0 -o "$out"
    check refuse_public_key 1 "public.pem" \
      sign "$image" "$manifest" --key "$work/es/public.pem" -o "$out"
    check refuse_missing_key 1 "none.pem" sign "$image" "$manifest" --key "$work/none.pem" -o "$out"
    check refuse_same_key 1 "given twice" sign "$image" "$manifest" $es $es -o "$out"
    check refuse_board_and_class 108 "--board excludes --class-id" \
      sign "$image" "$manifest" $es --board "$board" --class-id 00112233-4455-6677-8899-aabbccddeeff \
      -o "$out"
    sed 's/"model": *"[^"]*",/&\n  "vendor_id": "acme",/' "$board" >"$work/bad-board.json"
    check refuse_board_uuid 1 "bad-board.json: \$.vendor_id: expected a UUID" \
      sign "$image" "$manifest" $es --board "$work/bad-board.json" -o "$out"
    check refuse_unwritable 1 "cannot create a temporary file" \
      sign "$image" "$manifest" $es -o "$work/none/out.suit"
  }
  [ ! -e "$out" ] || fail "refusals: $out was written"
}

scenario_dev_install() {
  [ -n "$fake" ] || { echo "FAIL no fake device given"; exit 1; }
  keys
  sign app.suit --key "$work/es/private.pem"
  "$fake" >"$work/port" &
  pid=$!
  for _ in $(seq 50); do
    [ -s "$work/port" ] && break
    sleep 0.1
  done
  port=$(head -n1 "$work/port")
  [ -n "$port" ] || { echo "FAIL the fake device did not report its port"; exit 1; }
  d="coap://127.0.0.1:$port"
  # The fake device knows only [image, manifest] bodies: it refuses the envelope with 4.00, which
  # shows the envelope arrived whole and the answer is reported. A device that accepts it
  # answers "installed climate-monitor version 1 (sequence 1, ...)".
  "$tcctl" dev -d "$d" install "$work/app.suit" >"$work/out" 2>&1
  rc=$?
  if { [ "$rc" -eq 0 ] && grep -q "installed climate-monitor version 1 (sequence 1" "$work/out"; } ||
    { [ "$rc" -eq 2 ] && grep -q "device answered 4.00" "$work/out"; }; then
    echo "ok   install_envelope (exit $rc)"
  else
    fail "install_envelope: exit $rc"
    sed 's/^/  | /' "$work/out"
  fi
  check install_image_alone 1 "is a container image" dev -d "$d" install "$image"
  check install_unsigned_needs_insecure 1 "needs --insecure" \
    dev -d "$d" install "$image" "$manifest"
  check install_unsigned 0 "installed climate-monitor version 1" \
    dev -d "$d" install "$image" "$manifest" --insecure
  printf 'xxxx' >"$work/junk.bin"
  check install_not_envelope_note 2 "does not start like a SUIT envelope" \
    dev -d "$d" install "$work/junk.bin"
  check install_missing 1 "none.suit: cannot read the file" dev -d "$d" install "$work/none.suit"
}

"scenario_$scenario"
[ "$failures" -eq 0 ] || { echo "$failures failed"; exit 1; }
echo "all passed"
