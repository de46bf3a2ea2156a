import { dataUrlOf, downloadTextFile } from "c/fileDownload";

describe("dataUrlOf", () => {
  it("encodes the text as UTF-8", () => {
    expect(dataUrlOf("a,b\r\nÄ,€", "text/csv")).toBe(
      "data:text/csv;charset=utf-8,a%2Cb%0D%0A%C3%84%2C%E2%82%AC"
    );
  });
});

describe("downloadTextFile", () => {
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it("clicks a link to the file and removes it", () => {
    const clicked: HTMLAnchorElement[] = [];
    jest
      .spyOn(HTMLAnchorElement.prototype, "click")
      .mockImplementation(function (this: HTMLAnchorElement) {
        clicked.push(this);
      });
    downloadTextFile("trail.csv", "a,b\r\n");
    expect(clicked).toHaveLength(1);
    expect(clicked[0]?.download).toBe("trail.csv");
    expect(clicked[0]?.href).toBe("data:text/csv;charset=utf-8,a%2Cb%0D%0A");
    expect(document.body.querySelector("a")).toBeNull();
  });
});
