// Small browser helpers the components call through JS interop.
window.partnerOffice = {
    // Returns whether the text reached the clipboard. The Clipboard API exists only in secure contexts
    // (HTTPS or localhost); a plain-HTTP deployment falls back to the older copy command.
    copyText: async function (text) {
        if (navigator.clipboard && window.isSecureContext) {
            await navigator.clipboard.writeText(text);
            return true;
        }
        const area = document.createElement("textarea");
        area.value = text;
        area.setAttribute("readonly", "");
        area.style.position = "fixed";
        area.style.opacity = "0";
        document.body.appendChild(area);
        area.select();
        try {
            return document.execCommand("copy");
        } finally {
            area.remove();
        }
    }
};
