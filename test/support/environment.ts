/** Sets environment variables for the duration of one call. */

/**
 * Runs `action` with `variables` applied to `process.env` and restores the
 * previous values afterwards, also when `action` throws. A value of
 * `undefined` removes the variable for the duration.
 */
export async function withEnvironment<T>(
  variables: Record<string, string | undefined>,
  action: () => Promise<T> | T,
): Promise<T> {
  const previous = new Map<string, string | undefined>();
  for (const [name, value] of Object.entries(variables)) {
    previous.set(name, process.env[name]);
    setVariable(name, value);
  }

  try {
    return await action();
  } finally {
    for (const [name, value] of previous) setVariable(name, value);
  }
}

function setVariable(name: string, value: string | undefined): void {
  if (value === undefined) {
    delete process.env[name];
  } else {
    process.env[name] = value;
  }
}
