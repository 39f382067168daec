# Shared by the firmware integration scripts (sourced after ../harness.sh): QEMU running a
# firmware image, its UART0 a TCP socket, its UART1 (the console) a file.
# start_qemu QEMU BOARD ELF: sets $serial_port (QEMU listens on tcp:127.0.0.1:$serial_port) and
# adds QEMU to $pids; the console goes to $work/console.log.
start_qemu() {
  # A port free for UDP (harness.sh) that no TCP socket uses either.
  serial_port=$(free_udp_port)
  while grep -qi "$(printf ':%04X ' "$serial_port")" /proc/net/tcp /proc/net/tcp6 2>/dev/null; do
    serial_port=$(free_udp_port)
  done
  "$1" -M "$2" -display none -monitor none -semihosting-config enable=on,target=native \
    -icount shift=0 -serial "tcp:127.0.0.1:$serial_port,server,nowait" \
    -serial "file:$work/console.log" -kernel "$3" >"$work/qemu.out" 2>&1 &
  pids="$pids $!"
}
