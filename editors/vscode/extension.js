// Starts `kraiter dsl lsp` for Kraiter sequence files and restarts it when its settings change.
'use strict';

const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

let client;

function newClient() {
  const config = vscode.workspace.getConfiguration('kraiter');
  const command = config.get('path') || 'kraiter';
  return new LanguageClient(
    'kraiter',
    'Kraiter DSL',
    { command, args: ['dsl', 'lsp'] },
    {
      documentSelector: [
        { scheme: 'file', language: 'kraiter' },
        { scheme: 'untitled', language: 'kraiter' },
      ],
      // The key for template ids comes from the environment VS Code was started in
      // (KRAITER_API_KEY), never from a setting that could be committed.
      initializationOptions: { vars: config.get('vars') || {} },
    },
  );
}

async function start() {
  client = newClient();
  try {
    await client.start();
  } catch (err) {
    const path = vscode.workspace.getConfiguration('kraiter').get('path');
    vscode.window.showErrorMessage(
      `Kraiter: could not start "${path} dsl lsp" (${err.message}). Set kraiter.path to the kraiter command.`,
    );
  }
}

async function activate(context) {
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration('kraiter.path') || event.affectsConfiguration('kraiter.vars')) {
        await deactivate();
        await start();
      }
    }),
  );
  await start();
}

async function deactivate() {
  if (client) {
    const stopping = client;
    client = undefined;
    if (stopping.isRunning()) {
      await stopping.stop();
    }
  }
}

module.exports = { activate, deactivate };
