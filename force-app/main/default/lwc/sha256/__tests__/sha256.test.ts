import { sha256Hex, sha256HexOfBytes, utf8Bytes } from "c/sha256";

interface NodeHash {
  update(data: Uint8Array | string, encoding?: string): NodeHash;
  digest(encoding: "hex"): string;
}

const nodeCrypto = jest.requireActual<{
  createHash(algorithm: string): NodeHash;
}>("crypto");

function nodeSha256(bytes: Uint8Array): string {
  return nodeCrypto.createHash("sha256").update(bytes).digest("hex");
}

describe("sha256Hex", () => {
  it("matches the FIPS 180-4 examples", () => {
    expect(sha256Hex("abc")).toBe(
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
    expect(
      sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
    ).toBe("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  });

  it("hashes empty text", () => {
    expect(sha256Hex("")).toBe(
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    );
  });

  it("matches Node for every length around the block edges", () => {
    for (let length = 0; length <= 200; length += 1) {
      const bytes = Uint8Array.from({ length }, (_, index) => index * 7);
      expect(sha256HexOfBytes(bytes)).toBe(nodeSha256(bytes));
    }
  });

  it("matches Node on multi-byte text", () => {
    const text = "Café ☕ 😀 \\ \n line";
    expect(sha256Hex(text)).toBe(
      nodeCrypto.createHash("sha256").update(text, "utf8").digest("hex")
    );
  });
});

describe("utf8Bytes", () => {
  it("encodes one to four byte characters", () => {
    expect(Array.from(utf8Bytes("A"))).toEqual([0x41]);
    expect(Array.from(utf8Bytes("é"))).toEqual([0xc3, 0xa9]);
    expect(Array.from(utf8Bytes("€"))).toEqual([0xe2, 0x82, 0xac]);
    expect(Array.from(utf8Bytes("😀"))).toEqual([0xf0, 0x9f, 0x98, 0x80]);
  });

  it("replaces lone surrogates as TextEncoder does", () => {
    expect(Array.from(utf8Bytes("\ud800x"))).toEqual([0xef, 0xbf, 0xbd, 0x78]);
    expect(Array.from(utf8Bytes("\udc00"))).toEqual([0xef, 0xbf, 0xbd]);
  });
});
