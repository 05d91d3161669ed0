/**
 * The table of framework adapters that the conformance tests run every case
 * through. Each row builds the echo app for its framework and wraps it with
 * that framework's adapter package.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

import { handle as handleExpress } from '@lambda-http/express';
import type { Context } from 'aws-lambda';
import express from 'express';
import express4 from 'express4';
import type { FastifyInstance } from 'fastify';
import Koa from 'koa';
import Koa2 from 'koa2';

import { createExpressEchoApp, createFastifyEchoApp, createKoaEchoApp } from './echo';

/** A Lambda handler as the tests call it. */
export type LambdaHandler = (event: unknown, context: Context) => Promise<unknown>;

export interface AdapterRow {
  /** Framework and major version, such as `Express 5`. */
  name: string;
  /** Builds a fresh echo app and wraps it; called while the case's environment is set. */
  makeHandler(): LambdaHandler;
  /** Why the row is skipped; `undefined` when the adapter package exists. */
  skipReason?: string;
}

/** The part of `@lambda-http/koa` that the tests use. */
interface KoaAdapterModule {
  handle(app: Koa): LambdaHandler;
}

/** The part of `@lambda-http/fastify` that the tests use. */
interface FastifyAdapterModule {
  handle(app: FastifyInstance): LambdaHandler;
}

const PACKAGES_DIRECTORY = path.resolve(__dirname, '../../packages');

/**
 * Returns why the row of an adapter package is skipped, or `undefined` when
 * its `src/index.ts` exists. Jest maps `@lambda-http/<name>` to that file.
 */
function missingPackageReason(packageName: string): string | undefined {
  const entry = path.join(PACKAGES_DIRECTORY, packageName, 'src', 'index.ts');
  return existsSync(entry) ? undefined : `packages/${packageName}/src/index.ts does not exist yet`;
}

/**
 * Loads an adapter package that may not exist yet. A static import would fail
 * the whole test file while the package is missing, so the row loads it
 * lazily and only when its `skipReason` is undefined.
 */
function loadKoaAdapter(): KoaAdapterModule {
  return require('@lambda-http/koa') as KoaAdapterModule;
}

function loadFastifyAdapter(): FastifyAdapterModule {
  return require('@lambda-http/fastify') as FastifyAdapterModule;
}

function withOptionalSkip(row: Omit<AdapterRow, 'skipReason'>, skipReason: string | undefined): AdapterRow {
  return skipReason === undefined ? row : { ...row, skipReason };
}

export const ADAPTERS: AdapterRow[] = [
  { name: 'Express 5', makeHandler: () => handleExpress(createExpressEchoApp(express)) },
  { name: 'Express 4', makeHandler: () => handleExpress(createExpressEchoApp(express4)) },
  withOptionalSkip(
    { name: 'Koa 3', makeHandler: () => loadKoaAdapter().handle(createKoaEchoApp(Koa)) },
    missingPackageReason('koa'),
  ),
  withOptionalSkip(
    { name: 'Koa 2', makeHandler: () => loadKoaAdapter().handle(createKoaEchoApp(Koa2)) },
    missingPackageReason('koa'),
  ),
  withOptionalSkip(
    { name: 'Fastify 5', makeHandler: () => loadFastifyAdapter().handle(createFastifyEchoApp()) },
    missingPackageReason('fastify'),
  ),
];
