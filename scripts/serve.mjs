// Serves the built app. Without ORIGIN, adapter-node assumes https and refuses form posts
// made over plain http; a local run is http://localhost:PORT unless told otherwise.
process.env.PORT ??= '3000';
process.env.ORIGIN ??= `http://localhost:${process.env.PORT}`;
// Uploads may be up to 20 MB (scans of signed documents); adapter-node's default is 512 KB.
process.env.BODY_SIZE_LIMIT ??= '25M';
// On SIGTERM the server stops taking requests, lets the running ones finish, and after this many
// seconds cuts what is left (adapter-node's default is 30): a supervisor's restart is not held up.
process.env.SHUTDOWN_TIMEOUT ??= '5';
await import('../build/index.js');
