/**
 * A setting the operator gave is wrong (an environment variable such as NIANBAO_SITE_URL): not a
 * report's problem nor the program's. The CLI prints the message as it is and exits with code 2.
 */
export class SettingError extends Error {}
