/** A refusal or failure the scripts print as one line, as it is. */
export class BackupError extends Error {}
