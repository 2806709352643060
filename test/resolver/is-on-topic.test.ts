import { describe, expect, it } from 'vitest';
import { readTopic, weighTopic } from '../../src/resolver/is-on-topic.js';

describe('topic gate: other programs described in Windows-update words', () => {
  it.each([
    ['After the autoupdate of the tool started, its installer says access is denied'],
    [
      'Setup fails on Windows 10 with "not enough space"; installing into another folder changes nothing',
    ],
    ['The Windows update script of our project fails: could not write to repo, install.sh missing'],
    ['Steps to reproduce: open it, click Update. Expected behavior: it downloads the update'],
    [
      'Since I let the GUI update itself it says not enough memory resources, reinstalling did not help',
    ],
    ['Please read the proxy from the system settings when this wrapper downloads its updates'],
    ['Upgrading the agent from 7.2 to 7.4 on Windows Server fails with access denied'],
    // Other products ship security updates too.
    ['the browser security update failed with an error'],
    ['The update of our payroll software fails with access denied on the share'],
    // Something else broke after an update that worked.
    ['the touchpad stopped working after the Windows update last night'],
    ['audio does not work since the latest update'],
    // Windows 11 installed, and then something else broke.
    ["I installed Windows 11 yesterday and now my printer doesn't work"],
    ['after installing Windows 11 the scanner software fails'],
    // A device's own compatibility is its maker's question.
    ["my printer isn't compatible with Windows 11"],
    ['Laptop very slow after the Windows update yesterday'],
    // A program's own auto update, its exception, a version of it being installed.
    ['the auto update fails: could not create SSL/TLS secure channel'],
    [
      'Check for updates fails on Windows 11\n' +
        'System.Net.Http.HttpRequestException: The SSL connection could not be established',
    ],
    ['installing version 4.2.1 fails with access denied even as admin'],
    // Devices on the desk and their makers' updates.
    ['the docking station firmware update fails and the monitors stay black'],
    // A package manager's install, a program's own installer file.
    ['installing the zip tool with winget says access is denied'],
    ['the exe downloads fine but the install stops with access denied'],
    // Another program that fails since Windows itself was updated.
    ['our label tool cannot install since we updated to Windows 10 1809'],
    // A Windows build alone, without update words.
    ['my 23H2 laptop cannot see the wifi network at the office'],
  ])('answers nothing for %j', (text) => {
    expect(readTopic(text)).toBe('off');
  });

  it.each([
    // An anchor outweighs one other product named beside it.
    ['WSUS clients do not report, and Office updates are also missing'],
    ['I went to Settings > Windows Update and Check for updates cannot connect'],
    ['the feature update to 23H2 fails on every laptop, the browser still works'],
    // Said twice, Windows Update outweighs the tool the person ran.
    ['Windows Update is disabled after I ran this script, I cannot turn Windows Update back on'],
    [
      'the program I used says the Automatic Updates service is not running, yet Automatic Updates shows Started',
    ],
    ['KB5034441 fails with a disk space message though the drive has 40 GB free'],
    ['Windows Update stopped working after the upgrade to 23H2'],
    ['the keyboard driver from Windows Update fails to install with a rollback'],
    // Requirements named twice outweigh a bug report's template and another OS named.
    [
      'Steps to reproduce: make a USB stick on Linux, enable Secure Boot, boot it. ' +
        'Actual behavior: Windows 11 setup says the system requirements are not met',
    ],
  ])('reads %j as about Windows updates', (text) => {
    expect(readTopic(text)).toBe('windows');
  });

  it('weighs evidence for and against rather than letting one word decide', () => {
    const both = weighTopic('Windows Update fails, and so does the Chrome updater');
    expect(both.ours).toBeGreaterThan(0);
    expect(both.theirs).toBeGreaterThan(0);
    expect(readTopic('Windows Update fails, and so does the Chrome updater')).toBe('windows');
    // Two signs of another program outweigh one mention of Windows Update.
    expect(
      readTopic('the Windows Update step of this tool fails after the 2.3 to 2.4 upgrade'),
    ).toBe('off');
  });

  it.each([
    ['please check the laptop for Windows updates and install the new apps'],
    ['we need admin rights to install an update'],
    ['Can you schedule the feature update for the sales team next week?'],
    ['please stay on the line while we check for updates'],
  ])('reads a request with no sign of trouble as no error: %j', (text) => {
    expect(readTopic(text)).toBe('off');
  });

  it.each([
    ['Windows Update says another installation is already in progress'],
    ['updates paused because of a metered connection'],
    ['Windows Update keeps asking for a restart'],
    ['the cumulative update is waiting to install for a week'],
    ["We couldn't install this update, Windows Update"],
    ['the feature update sits at 45% for hours'],
    ['Windows Update stays on checking for updates'],
  ])('reads trouble worded without "error" or "fail": %j', (text) => {
    expect(readTopic(text)).not.toBe('off');
  });

  it('counts an anchor at most twice', () => {
    const twice = weighTopic('Windows Update, Windows Update').ours;
    expect(weighTopic('Windows Update, Windows Update, Windows Update').ours).toBe(twice);
    expect(twice).toBe(2 * weighTopic('Windows Update').ours);
  });

  it('reads a project-style "Windows update script" as theirs, not an anchor', () => {
    expect(weighTopic('the windows update script broke').ours).toBe(0);
    expect(weighTopic('the windows update service broke').ours).toBeGreaterThan(0);
  });
});

describe("topic gate: Windows 10's feature updates by name", () => {
  it('counts the Anniversary, Creators and month-year Updates as Windows', () => {
    for (const text of [
      'the anniversary update keeps restarting and I end up back on the old version',
      'Fall Creators Update keeps failing at 32% on my laptop',
      'the October 2018 Update rolled back after the second restart',
    ]) {
      // Windows's own (a sentence of a long post may match), not just update words.
      expect(readTopic(text)).toBe('windows');
    }
    // An app's own "update" named by month stays the app's.
    expect(readTopic('the March 2019 update of the Zoom app will not install')).toBe('off');
  });
});

describe('topic gate: an application and its installer, told apart from Windows Setup', () => {
  it.each([
    // A Windows Installer (MSI) verbose log, and a WiX bundle's log, are an application's setup.
    [
      'The update keeps failing on Windows 10\nProperty(C): INSTALLFOLDER = C:\\Program Files\\Tally\\',
    ],
    [
      'Install fails on Windows 10 every time\n' +
        '[1F2C:0A88][2025-02-03T08:12:40]e000: Error: package failed to install',
    ],
    ['the download of TallyPad.msi keeps failing on Windows 11'],
    // A program's own built-in or in-app update.
    ['the built-in update does not work on Windows 7 any more'],
    // A program's release number, its own version installed, the drive it was installed on.
    ['tallypad 3.14.2 cannot download anything on Windows 10 since the update'],
    ['installing 2.4 fails on Windows 10 saying not enough space, so I installed it on E: instead'],
    // An add-on manager, or applications in general, behind TLS inspection.
    ['most applications trust the certificate store, but the add-on manager fails to update'],
    // An antivirus product and a tool named, no Windows anchor.
    ['on Windows 10 the update fails until I turn off the Avast web shield'],
    // A virtual machine product's own update check.
    ['my VMware guest says an error occurred when checking for updates'],
  ])('answers nothing for %j', (text) => {
    expect(readTopic(text)).toBe('off');
  });

  it('does not take Windows builds, .NET releases or addresses for a program release', () => {
    for (const text of [
      'Windows Update fails on 10.0.19045.3803',
      'updates fail on 6.3.9600 servers',
      '.NET Framework 4.8.1 update fails',
      'WSUS at 192.168.10.20 cannot be reached',
    ]) {
      expect(weighTopic(text).theirs).toBe(0);
    }
  });

  it('counts other programs once however many are named, so one anchor still wins', () => {
    const one = weighTopic('the Chrome updater fails').theirs;
    expect(one).toBeGreaterThan(0);
    expect(weighTopic('Docker and GitHub both fail').theirs).toBe(one);
    // Windows Update failing on the VPN is ours, whatever else works there.
    for (const text of [
      'Windows Update fails when connected to the VPN, Teams and Outlook work fine',
      'WSUS clients on the VPN cannot download, Teams is fine',
      // A product named with its release is still one program.
      'Windows Update fails since we installed McAfee 10.7.0',
    ]) {
      expect(readTopic(text)).toBe('windows');
    }
  });
});

describe("topic gate: Windows Setup's own words", () => {
  it.each([
    ['Windows 11, version 24H2 update will not go through, an app needs removing first'],
    ['setup stops on what needs your attention and lists an app I cannot remove'],
    ['it says keep your Windows settings, personal files and apps, then fails'],
    ['Undoing changes made to your computer, every night'],
    // The Windows Update page's own messages, quoted without naming it.
    ["We couldn't connect to the update service. We'll try again later."],
    ["There were problems installing some updates, but we'll try again later."],
    ["Setup says this PC isn't compatible with Windows 11"],
    ['our laptops sit on a safeguard hold and cannot get the new version'],
    // Upgrading to a Windows release named by its number, even beside an event log's Application.
    [
      'every attempt to upgrade to 1803 ends in a reboot loop, nothing in Windows Logs\\Application',
    ],
    ['the upgrade to version 22H2 keeps failing on the desktops'],
    // Setup's and the Windows Features dialog's own messages, quoted from a tool that ran them.
    [
      'Using this tool, it says "We can\u2019t tell if your PC has enough space to continue installing Windows". The program worked before.',
    ],
    [
      'When using this tool the option "Keep files, settings, and apps" is greyed out. Is it a bug with the program?',
    ],
    ["Windows couldn't complete the requested changes. The changes couldn't be completed."],
    // Windows's servicing cmdlets, a medium's feature source, Microsoft Update by name.
    [
      'To install our Office server, Add-WindowsFeature Web-Server fails without -Source D:\\sources\\sxs',
    ],
    ['Microsoft Update keeps failing to download on this server'],
    [
      'Expected Behavior: it applies on reboot. Actual: "The updates could not be made. Changes will be reverted" and it reboots again',
    ],
  ])('reads %j as about Windows updates', (text) => {
    expect(readTopic(text)).toBe('windows');
  });
});

describe('topic gate: how people name Windows and its verdicts', () => {
  it.each([
    // Short names of Windows as the thing that will not update, beside the
    // app that needs the newer release.
    ['the reception laptop cannot update W10 any more, and the new app needs a later release'],
    ['our kiosk should update itself to Win 10 version 22H2 but never does; the app needs it'],
    ["Win11 upgrade fails on the warehouse desktop, so the scanning app can't be rolled out"],
    ['the tablet is unable to upgrade to win10 1909 and the app refuses to start'],
    // A requirements verdict with Windows 11 named only by its number.
    ['Windows tells me this desktop does not meet the requirements, so no upgrade to 11 for me'],
    ["the installer says my hardware doesn't meet the minimum requirements for win 11"],
    ["this workstation can't get a pass from the Win11 compatibility check"],
    ['Windows says the processor is not supported once 11 is available'],
    // A standalone package and what its installer says.
    ['the standalone .msu refuses to install on the old laptop'],
    ['The update is not applicable to your computer, says the installer for the runtime'],
    // Updates interrupted or undone around a restart, in the person's words.
    ['the laptop powered off while installing updates and now it will not start normally'],
    ['at startup it said it was cancelling the pending updates, then restarted again'],
    ['the updates did not take and it has been restarting for an hour'],
  ])('reads %j as about Windows updates', (text) => {
    expect(readTopic(text)).toBe('windows');
  });

  it.each([
    // Windows updated fine as a step; another program is the subject.
    ['Steps to reproduce:\n1. Update to Win11 23H2\n2. Open the proxy app\n3. It fails'],
    // Another device's update told in the same words.
    ['my phone powered off while installing updates and the app store fails now'],
    // Another program's requirements.
    ["the game says my graphics card doesn't meet the minimum requirements"],
  ])('answers nothing for %j', (text) => {
    expect(readTopic(text)).toBe('off');
  });

  it("does not count a help-desk form's own questions as another program", () => {
    const ticket =
      'Computer keeps restarting since the updates\n\n> What application are you using?\n\n' +
      'Other / Not sure\n\n> How soon do you need this?\n\nToday';
    expect(weighTopic(ticket).theirs).toBe(0);
    expect(readTopic(ticket)).not.toBe('off');
    // The answer under the question still counts.
    const answered =
      'Updates fail\n\n> What application are you using?\n\nOutlook\n\n> Describe the problem.\n\nIt fails';
    expect(weighTopic(answered).theirs).toBeGreaterThan(0);
    // A question the person asks in their own words is not a form's.
    expect(
      weighTopic(
        'the app installer says the update is broken, what am I doing wrong with your app?',
      ).theirs,
    ).toBeGreaterThan(0);
  });
});

describe('topic gate: Windows by name, Setup by its phases, features by their dialog', () => {
  it.each([
    // Windows Setup names its phases; no other installer does.
    ['the upgrade of the file server stops in the SAFE_OS phase and goes back'],
    ['moving the lab host from 2019 to 2022 failed at first_boot, no idea why'],
    // Optional components are turned on through Windows's own servicing.
    // A program named beside it does not make the dialog that program's.
    ['the Linux subsystem I tick in Windows Features is unticked again after every restart'],
    ['adding an optional feature fails on the new laptop'],
  ])('reads %j as about Windows updates', (text) => {
    expect(readTopic(text)).toBe('windows');
  });

  it.each([
    // "WS" with a release is Windows, as "W10" is.
    ['tried to install WS11 twice, after the restart it fails and is back on WS10', 'windows'],
    ['the WS2019 box never finishes installing the monthly patch', 'windows'],
    // A program that carries Windows's name is that program, not the system:
    // its installer is any program's installer ("the installer" is a program's own).
    ['Windows Defender stops the installer half way, it fails every time', 'off'],
    ['the Windows Terminal install fails with a strange message', 'loose'],
  ])('reads %j as %s', (text, topic) => {
    expect(readTopic(text)).toBe(topic);
  });
});

describe('topic gate: a Linux path names a Linux system', () => {
  it.each([
    [
      'Cannot install Windows 11 in the docker container: not enough free space in /storage, have 4 GB',
    ],
    ['Windows 11 install in our docker image fails, the log under /srv says the disk is full'],
  ])('answers nothing for %j', (text) => {
    expect(readTopic(text)).toBe('off');
  });

  it('does not take a Windows command switch or a web address for a Linux path', () => {
    const text = 'DISM /Online /Cleanup-Image fails, see https://example.org/storage for the log';
    expect(weighTopic(text).theirs).toBe(0);
  });
});

describe("topic gate: an app named as what blocks Windows's upgrade", () => {
  it.each([
    ['Windows 11 24H2 install blocked because of an app'],
    ["Setup says to uninstall this program before the upgrade can continue, so 24H2 won't install"],
    ['our 23H2 laptops: the upgrade is blocked by an app and nothing tells us which'],
  ])('reads %j as about Windows updates', (text) => {
    expect(readTopic(text)).toBe('windows');
  });

  it.each([
    // The app's own update or upgrade, whatever stops it.
    ['uninstall the old version before upgrading the app, it fails'],
    ['the app update is blocked because of our proxy software, it fails'],
  ])('answers nothing for %j', (text) => {
    expect(readTopic(text)).toBe('off');
  });
});

describe("topic gate: Windows's own client and agent are not another program", () => {
  it.each([
    ['the Windows Update client on the file server is out of date'],
    ['the Windows Update Agent may be too old on these boxes'],
    ['our WSUS client never reports back'],
    ['the SCCM client shows the patch as failed'],
  ])('does not count %j against', (text) => {
    expect(weighTopic(text).theirs).toBe(0);
  });

  it.each([
    ['the payroll client fails to update'],
    ['update the Windows 10 client of the chat app, it fails'],
  ])('still counts another program in %j', (text) => {
    expect(weighTopic(text).theirs).toBeGreaterThan(0);
    expect(readTopic(text)).toBe('off');
  });
});

describe('topic gate: words that only look like another program', () => {
  it.each([
    // "office" the place is not Office the product.
    [
      'Two laptops in the sales office will not take the monthly patch; it says it could not complete the updates and is undoing changes.',
    ],
    // The person's own retelling of Setup's words, not only "we couldn't ...".
    ['on restart it couldnt complete the updates and kept reverting changes'],
    // "said I need more space" is a verdict, told in the past.
    ['tried to update the win 10 laptop but it said I need more space on C'],
  ])('reads %j as about Windows updates', (text) => {
    expect(readTopic(text)).toBe('windows');
  });

  it.each([
    ['Office updates fail with access denied'],
    ['the ms office update fails every week'],
    // An editor undoing the person's own changes is not Setup undoing an update.
    ['Word keeps undoing changes I make to the template, it fails to save'],
  ])('answers nothing for %j', (text) => {
    expect(readTopic(text)).toBe('off');
  });
});

describe('topic gate: an upgrade that leaves the old version is trouble', () => {
  it.each([
    ['the 22H2 upgrade goes to 100%, restarts and comes back on the old version'],
    ['after the restart the laptop is still on the same build as before the upgrade, 21H2'],
  ])('reads %j as about Windows updates', (text) => {
    expect(readTopic(text)).toBe('windows');
  });

  it('answers nothing when the person chose an old version of an app', () => {
    expect(readTopic('I went back to the old version of the app')).toBe('off');
  });
});

describe("topic gate: Windows's verdicts in the person's words", () => {
  it.each([
    ['getting the message that the update isnt applicable to this computer'],
    ['the update needs files from the install media, DISM wants a source'],
  ])('reads %j as about Windows updates', (text) => {
    expect(readTopic(text)).toBe('windows');
  });
});

describe('topic gate: something "blocking" updates is trouble, in any tense', () => {
  it.each([
    ['our firewall is blocking windows update on the branch PCs'],
    ['I think the proxy is blocking Windows Update'],
  ])('reads %j as about Windows updates', (text) => {
    expect(readTopic(text)).toBe('windows');
  });

  it('still reads a firewall blocking a VPN as off topic', () => {
    expect(readTopic('the firewall is blocking my VPN')).toBe('off');
  });
});

describe("topic gate: another program's updater, package manager or certificate error", () => {
  it.each([
    // An app's own updater, told without its name, outweighs a KB named as advice.
    ['The built-in update does not work on Windows 7, even after I installed KB2999226'],
    ['Our updater cannot download anything although Windows Update itself works'],
    // OpenSSL's and the runtimes' certificate errors: git, pip, Node, curl.
    ['checking for updates fails: unable to get local issuer certificate behind the company proxy'],
    ['Trying to check for updates: self signed certificate in certificate chain'],
    // A program's own error class.
    ['Check for updates fails with RequestError: connect ETIMEDOUT on every start'],
    // A package manager at work.
    ['after sudo apt upgrade the download stays at 0% and checking for updates never finishes'],
    ['it printed 3 packages can be upgraded, then the download failed on a metered connection'],
  ])('answers nothing for %j', (text) => {
    expect(readTopic(text)).toBe('off');
  });

  it('keeps Windows Update and a named product apart: one anchor outweighs "the Chrome updater"', () => {
    expect(weighTopic('the updater fails').theirs).toBeGreaterThan(
      weighTopic('the Chrome updater fails').theirs,
    );
    expect(readTopic('Windows Update fails, and so does the Chrome updater')).toBe('windows');
  });
});

describe("topic gate: Windows updates as the reason another program's installer refuses", () => {
  it.each([
    [
      'The setup of our label printer driver refuses to start because Windows updates are pending, but Windows Update shows none',
    ],
    [
      'Cannot install the accounting client while a restart is pending from Windows Update; I restarted three times and Windows Update is idle',
    ],
    ['The installer says a reboot is pending for Windows Update and will not continue'],
  ])('answers nothing for %j', (text) => {
    expect(readTopic(text)).toBe('off');
  });

  it.each([
    ['Cannot install KB5034441 because a restart is pending'],
    ['The feature update will not install while a reboot is pending'],
    ['.NET 3.5 will not install because a restart is pending from Windows Update'],
    ['Windows Setup cannot continue because a restart is pending'],
  ])('keeps an update or a Windows feature held back by a pending restart: %j', (text) => {
    expect(readTopic(text)).toBe('windows');
  });
});

describe('topic gate: Windows named only as where a program runs', () => {
  it('reads "the proxy from Windows" as no sign of Windows updates', () => {
    expect(
      readTopic(
        'When downloading updates the proxy is ignored and the download fails. Please read the proxy settings from Windows.',
      ),
    ).toBe('loose');
  });

  it.each([
    ['Updates fail on Windows 10 behind the proxy'],
    ['Downloading updates in Windows Update ignores the proxy'],
  ])('still reads Windows by its version or its update words: %j', (text) => {
    expect(readTopic(text)).toBe('windows');
  });
});

describe("topic gate: Windows 11's verdicts, questions and block lists", () => {
  it.each([
    ['My laptop is not supported for Windows 11, it says'],
    ['It says my PC is unsupported, I want Windows 11 on it'],
    ['Why does Windows Update say another installation is in progress?'],
    ['How do I get past the Windows Update screen with the spinning dots?'],
    ['Windows Update only works when I turn off the DNS blocklist'],
  ])('reads %j as about Windows updates', (text) => {
    expect(readTopic(text)).toBe('windows');
  });

  it('does not take a proxy password for a password ticket', () => {
    expect(
      readTopic('updates fail behind our proxy, the proxy asks for a password every time'),
    ).not.toBe('off');
    expect(readTopic('cannot reset my password, the account is locked')).toBe('off');
  });
});

describe("topic gate: a program that broke since an update, a maker's own tool", () => {
  it.each([
    ["Since the latest Windows update the program can't check for updates: TLS error"],
    ['After the last update, our label printer app no longer starts'],
    ["The manufacturer's update utility fails to install the firmware package"],
  ])('answers nothing for %j', (text) => {
    expect(readTopic(text)).toBe('off');
  });

  it('still reads Windows Update failing since an update as ours', () => {
    expect(readTopic('Since the latest update, Windows Update fails to check for updates')).toBe(
      'windows',
    );
  });
});

describe('topic gate: Windows Server by its year', () => {
  it.each([
    ['Server 2019 updates fail with a timeout on the proxy'],
    ['the 2012 R2 box will not install updates, says not applicable'],
  ])('reads %j as Windows', (text) => {
    expect(readTopic(text)).toBe('windows');
  });
});

describe('topic gate: updating a record, a graphics driver from its maker', () => {
  it.each([
    ["Can't update the time sheet, access denied"],
    ['updating my address in the HR portal fails every time'],
    ["Can't update my graphics driver, installation failed"],
  ])('answers nothing for %j', (text) => {
    expect(readTopic(text)).toBe('off');
  });

  it('keeps Windows Update installing a display driver as ours', () => {
    expect(readTopic('Windows Update keeps failing to install the display driver')).toBe('windows');
  });
});

describe("topic gate: the Windows Update page's own states and messages", () => {
  it.each([
    ["Something didn't go as planned, then it restarts again"],
    ['We couldnt install this update, but you can try again'],
    ['the monthly one stays on Pending install for days and never finishes'],
  ])('weighs %j as Windows', (text) => {
    expect(weighTopic(text).ours).toBeGreaterThan(0);
    expect(readTopic(text)).not.toBe('off');
  });
});

describe('topic gate: a Windows release as the destination of an update', () => {
  it.each([
    ['Win 7-10 upgrade: the option to keep my apps is greyed out'],
    ['during the Windows 10 to 11 upgrade the keep apps choice is not offered'],
    ['Error screen while upgrading to the newest Win11 on my desktop, my apps stay'],
    ['A message blocks me when updating to latest Windows 11 build, the store client is fine'],
  ])('reads %j as Windows', (text) => {
    expect(readTopic(text)).toBe('windows');
  });

  it.each([
    // Windows updated as a step, then a program fails; or something broke after.
    ['1. Update to Windows 11 23H2\n2. Start the app\n3. The app crashes with an error'],
    ['when I upgraded to Windows 11 the app stopped syncing, steps to reproduce below'],
  ])('still reads %j as off topic', (text) => {
    expect(readTopic(text)).toBe('off');
  });
});

describe("topic gate: Setup's incompatible-app verdict and the Store's own apps", () => {
  it('counts an incompatible app named beside Windows 11 as an upgrade block', () => {
    expect(
      readTopic('Windows 11 says there is an incompatible application, see the app list'),
    ).toBe('windows');
  });

  it('does not count apps from the Microsoft Store as another program', () => {
    expect(weighTopic('apps from the Microsoft Store fail to download').theirs).toBe(0);
    expect(readTopic('Win 10: apps in the Windows Store and updates fail to download')).toBe(
      'windows',
    );
    // A named app is still one.
    expect(weighTopic('the Zoom app from the Microsoft Store fails').theirs).toBeGreaterThan(0);
  });
});

describe("topic gate: a program's own menu and a driver package's release", () => {
  it.each([
    ['Downloading update stays at 0%. Help > Check for updates says none, on Windows 10'],
    ['Update keeps looping on Windows 11 22H2 when I install driver 551.23 from the vendor'],
    ['Installing the graphics driver 24.3 fails again on Win 11 23H2'],
  ])('reads %j as off topic', (text) => {
    expect(readTopic(text)).toBe('off');
  });

  it('keeps a Windows Update driver failure ours', () => {
    expect(readTopic('Windows Update fails to install a Realtek audio driver every day')).toBe(
      'windows',
    );
  });
});

describe('topic gate: Windows asking for a restart to finish its updates', () => {
  it('reads the nag as Windows, even in a bug report that names an app', () => {
    expect(
      readTopic(
        'Win 11 keeps prompting me to reboot to finish updates, Windows Update lists nothing. Steps to reproduce: boot, OneDrive opens',
      ),
    ).toBe('windows');
  });

  it("leaves another program's update after the restart to that program", () => {
    expect(readTopic('Windows 11 asks for a restart to update Chrome, and it fails again')).toBe(
      'off',
    );
  });
});

describe('topic gate: apps that check for their own updates', () => {
  it.each([
    // An app's update checker behind a proxy, a tool's "self update" with a space.
    ['Behind our proxy the update checker cannot reach the internet and times out'],
    ['On Windows 11 the self update fails: (407) Proxy Authentication Required'],
    // A games console updating itself is not Windows Update.
    ['Since we use the hosts list the Xbox fails updating itself and downloading games'],
    // Installers made with electron-builder, NSIS, Inno Setup or Squirrel are an app's.
    ['electron-builder aborts the whole update on Windows when one file is in use'],
    ['The NSIS installer fails the update when a file is locked by antivirus'],
    // Third-party updates published through WSUS are another vendor's packages.
    ['Third-party updates take forever to be detected on new clients'],
  ])('"%s" is off topic', (text) => {
    expect(readTopic(text)).toBe('off');
  });

  it('still reads Windows Update failing behind a proxy as ours', () => {
    expect(
      readTopic('Windows Update cannot check for updates behind our proxy, it times out'),
    ).toBe('windows');
  });
});

describe('topic gate: popular programs with their own updaters', () => {
  it.each([
    ['Discord update failed, it keeps looping on Windows 11'],
    ['Spotify will not update, the installer fails with an error'],
    ['Notepad++ update fails: cannot download the installer'],
    ['Logitech G Hub stuck at updating for hours'],
    ['Dropbox fails to update after the restart'],
  ])('"%s" is off topic', (text) => {
    expect(readTopic(text)).toBe('off');
  });

  it('keeps Windows Update failing beside a named program ours', () => {
    expect(
      readTopic('Windows Update fails with Razer Synapse installed, error after restart'),
    ).toBe('windows');
  });
});

describe('topic gate: an update service found turned off', () => {
  it('reads "is turned off" as a state to explain', () => {
    expect(readTopic('windows update is turned off by my organization')).toBe('windows');
    expect(readTopic('Automatic updates were switched off on the server')).toBe('windows');
  });

  it('leaves a request to turn it off alone', () => {
    expect(readTopic('how do I turn off windows update')).toBe('off');
  });
});

describe("topic gate: a program's installer and the organisation's web apps", () => {
  it.each([
    ['the installer rolls back at the end and nothing is installed'],
    ['cannot download the file from SharePoint, access denied'],
    ['ServiceNow says my download failed, please help'],
  ])('"%s" is off topic', (text) => {
    expect(readTopic(text)).toBe('off');
  });

  it("keeps an update's own installer ours when Windows Update is named", () => {
    expect(readTopic('Windows Update: KB5034441 fails, the installer stops at 0%')).toBe('windows');
  });
});

describe('topic gate: the monthly patch', () => {
  it('reads a failing monthly or security patch as Windows servicing', () => {
    expect(readTopic('The monthly patch fails on about 20 machines')).toBe('windows');
    expect(readTopic('security patches will not install on the file server')).toBe('windows');
  });

  it("leaves a named product's monthly patch to that product", () => {
    expect(readTopic('the Adobe Acrobat monthly patch fails to install')).toBe('off');
  });
});

describe('topic gate: stuck for days, at 0%', () => {
  it('reads a download shown at 0% for days as trouble', () => {
    expect(readTopic("Windows Update has been showing 'Downloading 0%' for three days")).toBe(
      'windows',
    );
  });
});

describe("topic gate: Windows Update's own services by name", () => {
  it.each([
    ['UsoSvc keeps stopping and updates never install'],
    ['the Update Orchestrator service fails to start'],
    ['WaaSMedicSvc access denied when trying to start it'],
    ['DoSvc is disabled and downloads hang'],
  ])('reads "%s" as Windows', (text) => {
    expect(readTopic(text)).toBe('windows');
  });
});
