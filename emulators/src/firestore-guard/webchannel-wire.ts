// The WebChannel wire format the browser build of the Firebase JS SDK speaks to Firestore
// (@firebase/webchannel-wrapper, closure's BrowserChannel protocol, VER=8), as far as the guard needs it:
// - the client POSTs its messages as a form: count=N&ofs=K&req0___data__=<JSON>&…, where ofs is the
//   sequence number of the first message of the POST;
// - the server answers (backchannel GET long-poll, and the POSTs) with chunks "<length>\n<JSON>", the
//   length counted in JavaScript string units; a data chunk is [[arrayId, [message]], …] with array ids
//   in increasing order (the client ignores an id it has already passed), and a POST may end with an
//   acknowledgement [backchannelPresent, lastArrayId, outstandingBytes];
// - the client names the last array id it received in the AID parameter of its requests.

export interface ChannelForm {
  ofs: number;
  messages: unknown[];
  /** The other fields (e.g. the handshake's encoded headers), kept in order. */
  rest: Array<[string, string]>;
}

const MESSAGE_KEY = /^req(\d+)___data__$/;

export function parseChannelForm(body: string): ChannelForm {
  const form: ChannelForm = { ofs: 0, messages: [], rest: [] };
  for (const [key, value] of new URLSearchParams(body)) {
    const message = MESSAGE_KEY.exec(key);
    if (message) form.messages[Number(message[1])] = JSON.parse(value);
    else if (key === "ofs") form.ofs = Number(value);
    else if (key !== "count") form.rest.push([key, value]);
  }
  return form;
}

export function encodeChannelForm(form: ChannelForm): string {
  const params = new URLSearchParams(form.rest);
  params.set("count", String(form.messages.length));
  params.set("ofs", String(form.ofs));
  form.messages.forEach((message, i) => {
    params.set(`req${i}___data__`, JSON.stringify(message));
  });
  return params.toString();
}

/** Splits a response stream, already decoded to text, into its chunks. */
export class ChunkReader {
  private buffered = "";

  push(text: string): string[] {
    this.buffered += text;
    const chunks: string[] = [];
    for (;;) {
      const newline = this.buffered.indexOf("\n");
      if (newline < 0) break;
      const length = Number(this.buffered.slice(0, newline));
      if (!Number.isInteger(length) || this.buffered.length < newline + 1 + length) break;
      chunks.push(this.buffered.slice(newline + 1, newline + 1 + length));
      this.buffered = this.buffered.slice(newline + 1 + length);
    }
    return chunks;
  }
}

export const encodeChunk = (json: string): string => `${json.length}\n${json}`;

/**
 * Sequence numbers on one side of a session when the guard adds or removes items: the array ids of
 * server messages once the guard has sent messages of its own (an index rejection), and the client's
 * message offsets once it has kept a message from the emulator.
 */
export class Renumbering {
  /** Positions, in the numbering on the emulator's side, after which the guard inserted an item. */
  private readonly insertedAfter: number[] = [];
  /** Positions, in the numbering on the client's side, of the inserted items. */
  private readonly inserted: number[] = [];
  private lastUpstream = 0;
  private lastClient = 0;

  get identity(): boolean {
    return this.inserted.length === 0;
  }

  toClient(upstream: number): number {
    return upstream + this.insertedAfter.filter((after) => after < upstream).length;
  }

  toUpstream(client: number): number {
    return client - this.inserted.filter((position) => position <= client).length;
  }

  /** An item of the emulator's passed to the client; returns its number there. */
  relayed(upstream: number): number {
    const client = this.toClient(upstream);
    this.lastUpstream = Math.max(this.lastUpstream, upstream);
    this.lastClient = Math.max(this.lastClient, client);
    return client;
  }

  /** An item of the guard's own, numbered right after the last one the client was given. */
  insert(): number {
    this.lastClient += 1;
    this.insertedAfter.push(this.lastUpstream);
    this.inserted.push(this.lastClient);
    return this.lastClient;
  }

  /** An item of the client's that the emulator never sees: later ones move down by one there. */
  remove(client: number): void {
    if (this.inserted.includes(client)) return; // a retried POST
    this.inserted.push(client);
    this.insertedAfter.push(client);
  }
}
