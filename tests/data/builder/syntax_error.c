long tc_start(void) {
  return missing_identifier;
}
