// The workspace installs Express 4 as `express4` and Koa 2 as `koa2` next to
// the current majors. The aliases carry no types of their own, so they reuse
// the types of the current major. That is safe because the echo apps call only
// APIs that both majors share.
declare module 'express4' {
  import express = require('express');
  export = express;
}

declare module 'koa2' {
  import Koa = require('koa');
  export = Koa;
}
