// Downloads the agreement export with fetch instead of a plain link, so the page can show how much has arrived:
// the server streams the ZIP as it writes it, without a Content-Length, and sends an estimate in a header instead.
// A module file, not an inline script, so that a strict Content-Security-Policy can allow it.

let current = null;

/**
 * Fetches url, reporting bytes received to progress.invokeMethodAsync("OnExportProgress", received, estimated)
 * at most about five times a second, then saves the file under the server's name.
 * Resolves to { ok, cancelled, status, message, fileName, bytes, count }.
 */
export async function download(url, fallbackName, progress) {
    current?.abort();
    const controller = new AbortController();
    current = controller;
    try {
        const response = await fetch(url, { credentials: "same-origin", redirect: "manual", signal: controller.signal, headers: { Accept: "application/zip" } });
        // A redirect here is the sign-in or access-denied page, not a file.
        if (response.type === "opaqueredirect") {
            return { ok: false, cancelled: false, status: 0, message: "Your session has ended or no longer allows exports. Sign in again and retry." };
        }
        if (!response.ok) {
            return { ok: false, cancelled: false, status: response.status, message: await problemText(response) };
        }
        const estimated = Number(response.headers.get("X-Export-Estimated-Bytes")) || 0;
        const count = Number(response.headers.get("X-Export-Count")) || 0;
        const fileName = nameFrom(response.headers.get("Content-Disposition")) || fallbackName;
        const chunks = [];
        let received = 0;
        let reported = 0;
        if (response.body && response.body.getReader) {
            const reader = response.body.getReader();
            for (;;) {
                const { done, value } = await reader.read();
                if (done) {
                    break;
                }
                chunks.push(value);
                received += value.length;
                const now = performance.now();
                if (now - reported > 200) {
                    reported = now;
                    await progress.invokeMethodAsync("OnExportProgress", received, estimated);
                }
            }
        } else {
            const blob = await response.blob();
            chunks.push(blob);
            received = blob.size;
        }
        await progress.invokeMethodAsync("OnExportProgress", received, estimated);
        save(new Blob(chunks, { type: "application/zip" }), fileName);
        return { ok: true, cancelled: false, status: response.status, fileName, bytes: received, count };
    } catch (error) {
        if (error && error.name === "AbortError") {
            return { ok: false, cancelled: true, status: 0, message: "The export was canceled." };
        }
        return { ok: false, cancelled: false, status: 0, message: "The download was interrupted. Check the connection and try again." };
    } finally {
        if (current === controller) {
            current = null;
        }
    }
}

export function cancel() {
    current?.abort();
}

function save(blob, fileName) {
    const href = URL.createObjectURL(blob);
    const link = document.createElement("a");
    link.href = href;
    link.download = fileName;
    link.hidden = true;
    document.body.append(link);
    link.click();
    link.remove();
    // The browser has taken the file once the click is handled; give it time before freeing the memory.
    setTimeout(() => URL.revokeObjectURL(href), 60000);
}

function nameFrom(disposition) {
    if (!disposition) {
        return null;
    }
    const extended = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
    if (extended) {
        return decodeURIComponent(extended[1]);
    }
    const plain = /filename="?([^";]+)"?/i.exec(disposition);
    return plain ? plain[1] : null;
}

async function problemText(response) {
    try {
        const problem = await response.json();
        return problem.detail || problem.title || `The export failed (${response.status}).`;
    } catch {
        return response.status === 403 ? "Only Legal can export agreements." : `The export failed (${response.status}).`;
    }
}
