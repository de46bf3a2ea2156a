/**
 * The preview's `lightning/platformResourceLoader`: adds a script or style
 * sheet to the page once per URL, as the platform does, and resolves when
 * it has loaded.
 */

const loads = new Map<string, Promise<void>>();

function loadOnce(
  url: string,
  createElement: () => HTMLScriptElement | HTMLLinkElement
): Promise<void> {
  let loaded = loads.get(url);
  if (!loaded) {
    loaded = new Promise<void>((resolve, reject) => {
      const element = createElement();
      element.addEventListener("load", () => resolve());
      element.addEventListener("error", () => {
        // Forget the failure, so that a later call can try again.
        loads.delete(url);
        reject(new Error(`Could not load the static resource ${url}.`));
      });
      document.head.appendChild(element);
    });
    loads.set(url, loaded);
  }
  return loaded;
}

export function loadScript(_component: unknown, url: string): Promise<void> {
  return loadOnce(url, () => {
    const script = document.createElement("script");
    script.src = url;
    return script;
  });
}

export function loadStyle(_component: unknown, url: string): Promise<void> {
  return loadOnce(url, () => {
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = url;
    return link;
  });
}
