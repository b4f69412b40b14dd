// Serves the built app. Without ORIGIN, adapter-node assumes https and refuses form posts
// made over plain http; a local run is http://localhost:PORT unless told otherwise.
process.env.PORT ??= '3000';
process.env.ORIGIN ??= `http://localhost:${process.env.PORT}`;
await import('../build/index.js');
