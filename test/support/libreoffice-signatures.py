"""LibreOffice's verdict on each package signature of a .docx, through UNO (see libreoffice-signatures.ts)."""
import json, sys, time, subprocess, os, uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException

path, profile = sys.argv[1], sys.argv[2]
pipe = "samrad_sig_%d" % os.getpid()
office = subprocess.Popen(["soffice", "--headless", "--invisible", "--nologo", "--norestore", "--nodefault",
    "-env:UserInstallation=" + uno.systemPathToFileUrl(profile), "--accept=pipe,name=%s;urp;" % pipe],
    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
try:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    ctx = None
    for _ in range(120):
        try:
            ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
            break
        except NoConnectException:
            time.sleep(0.5)
    if ctx is None:
        raise SystemExit("LibreOffice did not start")
    smgr = ctx.ServiceManager
    factory = smgr.createInstanceWithContext("com.sun.star.embed.StorageFactory", ctx)
    fmt = PropertyValue(); fmt.Name = "StorageFormat"; fmt.Value = "ZipFormat"
    # the storage arguments: URL, ElementModes.READ, and the format as a typed sequence (pyuno would guess wrong)
    storage = uno.invoke(factory, "createInstanceWithArguments",
                         ((uno.systemPathToFileUrl(path), 1, uno.Any("[]com.sun.star.beans.PropertyValue", (fmt,))),))
    signatures = smgr.createInstanceWithContext("com.sun.star.security.DocumentDigitalSignatures", ctx)
    infos = signatures.verifyDocumentContentSignatures(storage, None)
    print(json.dumps([{"signer": i.Signer.SubjectName if i.Signer else None, "valid": bool(i.SignatureIsValid),
                       "certificateStatus": int(i.CertificateStatus)} for i in infos]))
finally:
    try:
        smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx).terminate()
    except Exception:
        pass
    try:
        office.wait(timeout=20)
    except Exception:
        office.kill()
