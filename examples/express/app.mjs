// An ordinary Express app: nothing in it refers to Lambda.
import express from 'express';

export const app = express();
app.use(express.json());
app.use(express.urlencoded({ extended: false }));
app.use(express.text({ type: 'text/*' }));

app.get('/hello', (req, res) => {
  res.json({ hello: req.query.name ?? 'world' });
});

// Every other request is described back to the caller.
app.use((req, res) => {
  res.set('x-request-line', `${req.method} ${req.originalUrl} HTTP/${req.httpVersion}`);
  res.cookie('visited', 'yes', { httpOnly: true });
  res.json({
    method: req.method,
    url: req.originalUrl,
    query: req.query,
    ip: req.ip,
    protocol: req.protocol,
    host: req.get('host') ?? null,
    contentType: req.get('content-type') ?? null,
    body: req.body ?? null,
  });
});
