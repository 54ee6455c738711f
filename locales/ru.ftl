# Russian. Same keys, in the same order, as en.ftl (build.rs checks).
# Syntax and rules: docs/LANGUAGES.md.
product = CRM Card

## Login

login-title = Вход
email = E-mail
password = Пароль
sign-in = Войти
sign-out = Выйти
sign-out-everywhere = Выйти на всех устройствах
sign-out-everywhere-hint = Завершает ваши сеансы во всех браузерах и на всех устройствах, в том числе здесь.
login-failed = Неверный e-mail или пароль.

## Lists

search = Поиск
search-placeholder = Имя, телефон, e-mail…
all-stages = Все стадии
filter = Фильтр
new = Создать
nothing-found = Ничего не найдено.
next-page = Следующая страница
first-page = Первая страница
col-name = Название
col-stage = Стадия
col-responsible = Ответственный
col-updated = Дата изменения
col-amount = Сумма

## Card

edit = Изменить
save = Сохранить
cancel = Отмена
create = Создать
saving = Сохранение…
add-another = + добавить
remove = Убрать
empty-value = не заполнено
responsible = Ответственный
pipeline = Воронка
created = Дата создания
yes = Да
no = Нет
choose = — выберите —
item-search-placeholder = Начните вводить для поиска…
street = Улица
city = Город
region = Регион
postcode = Почтовый индекс
country = Страна
amount = Сумма
currency = Валюта
confirm-final-stage = Перевести элемент на финальную стадию
confirm = Подтвердить
new-item-title = Новый элемент:
no-relations = Связанных элементов пока нет.
links-from = Этот элемент ссылается на
links-to = Элементы, которые ссылаются на этот
no-history = Поля ещё не изменялись.
history-field = Поле
history-old = Старое значение
history-new = Новое значение
history-who = Кто изменил
history-when = Когда
loading = Загрузка…
conflict-take-theirs = Взять их значение
conflict-keep-mine = Оставить моё
conflict-emptied = Другой пользователь тем временем очистил это поле.
saved-merged = Сохранено. Изменения, которые тем временем внесли другие, тоже показаны.

## Timeline

timeline = Таймлайн
comment-placeholder = Оставьте комментарий… (Ctrl+Enter — отправить)
send = Отправить
load-more = Показать ещё
event-created = Элемент создан
event-field-changed = Поля изменены
event-stage-changed = Стадия изменена
event-comment = Комментарий
system-author = Система
timeline-empty = Пока ничего не произошло.

## Errors (shown to people: clear, and never with internals)

err-unauthenticated = Пожалуйста, войдите снова.
err-forbidden = У вас нет доступа.
err-not-found = Не найдено. Возможно, объект удалён или адрес указан неверно.
err-bad-request = Запрос не распознан. Обновите страницу и попробуйте снова.
err-too-large = Отправлено слишком много данных за один раз.
back = Назад
# An upload refused: too many of the user's uploads wait for a save.
# A personal card view refused a new section.
err-setup-closed = Эта ссылка для настройки уже использована или устарела. Если ещё никто не входил в систему, перезапустите сервер, чтобы получить новую ссылку, или выполните `crm-card create-admin`.
setup-title = Настройка CRM Card
setup-intro = Пользователей пока нет. Создайте первого администратора: затем он сможет добавить всех остальных в разделе Настройки → Права доступа.
setup-needs-token = Чтобы создать первого администратора, откройте адрес настройки, который сервер вывел при запуске (в нём есть одноразовый токен), или выполните на сервере `crm-card create-admin --email EMAIL`.
your-name = Ваше имя
create-admin = Создать администратора
# Sign-in refused for a while after too many failures.
err-unknown-host = Этот сервер не обслуживает такое имя хоста. Администратор может добавить его в public_hosts (CRM_PUBLIC_HOSTS).
err-internal = На нашей стороне что-то пошло не так. Ничего не потеряно; пожалуйста, попробуйте ещё раз.
err-network = Не удалось связаться с сервером. Проверьте подключение и попробуйте снова.
err-validation = Проверьте заполнение некоторых полей.
err-conflict = Другой пользователь тем временем изменил этот элемент.
err-required-fields = Сначала заполните обязательные поля:
err-unknown-stage = Эта стадия не относится к воронке этого элемента.
err-comment-empty = Сначала напишите что-нибудь.
err-page-not-found = Страница не найдена.
err-not-integer = Введите целое число, например 42.
err-not-number = Введите число, например 12.5.
err-not-date = Введите дату.
err-not-datetime = Введите дату и время.
err-not-amount = Введите сумму, например 1250.00.
err-unknown-currency = Выберите валюту из списка.
err-not-url = Введите веб-адрес, например https://example.com.
err-not-email = Введите адрес электронной почты, например name@example.com.
err-not-phone = Введите номер телефона: цифры, пробелы, + ( ) -.
err-unknown-option = Выберите один из вариантов.
err-unknown-reference = Выберите существующую запись.
# An item a field points to that the reader may not open: its title is not theirs to see.
item-hidden = Скрытый элемент
# An item a field points to that is in the recycle bin.
item-deleted = Удалённый элемент
stage-hidden = Скрытая стадия
pipeline-hidden = Скрытая воронка
err-not-yes-no = Выберите «Да» или «Нет».
err-wrong-input = Это значение не подходит для поля.
err-required = Обязательное поле.
err-unknown-field = Такого поля нет, или его нельзя изменить здесь.
err-end-before-start = Окончание должно быть позже начала.
err-already-booked = Этот ресурс уже забронирован на это время.
err-unknown-file = Загрузите файл ещё раз: он не найден.
err-file-too-large = Файл слишком большой.
err-file-empty = Файл пустой.

## Field settings errors

err-label-empty = Укажите название поля.
err-type-fixed = Тип поля нельзя изменить после его создания.
err-multiple-fixed = Опцию «Множественное» нельзя изменить после создания поля.
err-not-multiple = Поле этого типа хранит только одно значение.
err-no-options = Добавьте хотя бы один вариант.
err-option-blank = У одного из вариантов нет текста.
err-stage-gone = Одной из выбранных стадий больше нет.
err-system-restricted = Системные поля видят все; ограничить видимость можно только для пользовательских полей.
err-system-field = Системные поля удалить нельзя, но их можно скрыть.
err-too-many-fields = У этого типа уже максимальное количество пользовательских полей.
err-unknown-people = Выберите существующих пользователей и отделы.
choose-file = Выбрать файл
uploading = Загрузка…
resource = Ресурс
booking-start = Начало
booking-end = Окончание

## Fields: create, configure, delete (card settings and CRM settings → Custom fields)

settings = Настройки
custom-fields = Пользовательские поля
create-field = Создать поле
configure = Настроить
delete-field = Удалить поле
field-type = Тип
field-label = Название
field-kind = Вид
system-field = Системное
custom-field = Пользовательское
multiple-short = множественное
field-multiple = Множественное
field-multiline = Многострочный текст
field-item-types = Может ссылаться на
field-options = Варианты
field-resources = Ресурсы
field-option = Вариант
add-option = + Добавить вариант
default-currency = Валюта по умолчанию
required-legend = Обязательное
required-always = Всегда
required-at = На стадиях:
required-at-stages = Или только начиная с этих стадий:
visibility = Видимость
restrict-visibility = Ограничить видимость поля: его видят только выбранные сотрудники
visibility-hint = Администраторы видят его всегда. Остальные не видят ни само поле, ни его значения.
everyone = Все
admins-only = Только администраторы
users = Пользователи
departments = Отделы
actions = Действия
export-csv = Экспорт в CSV

## CRM settings → Access

access = Права доступа
roles = Роли
role = Роль
new-user = Новый пользователь
new-department = Новый отдел
new-role = Новая роль
name = Название
password-keep = Новый пароль (оставьте пустым, чтобы не менять)
department = Отдел
parent-department = Вышестоящий отдел
head = Руководитель
active = Активен
inactive = Неактивен
none = —
allow-my-view = Разрешить свой вид карточки
admin-flag = Администратор (настройки CRM)
role-pipelines = Воронки, которые видит роль (снимите отметку, чтобы скрыть элементы, канбан и название воронки)
saved-ok = Сохранено.
deleted-ok = Удалено.
err-name-empty = Введите название.
err-email-taken = Этот e-mail уже используется другим пользователем.
err-role-taken = Роль с таким названием уже существует.
err-deactivate-self = Нельзя деактивировать самого себя.
err-department-loop = Отдел не может входить сам в себя.
err-department-not-empty = Сначала переведите сотрудников и подотделы этого отдела в другие отделы.

## Layout editing

configure-card = Настройки карточки
finish-configuration = Завершить настройку
save-edit-first = Сначала сохраните или отмените изменения в разделе, который вы редактируете.
leave-unsaved = Покинуть карточку? Введённое в редактируемом разделе не сохранено.
create-section = Создать раздел
section-name = Название раздела
rename = Переименовать
delete-section = Удалить раздел
delete = Удалить
delete-section-warning = Его поля будут скрыты из карточки. Данные в них сохранятся, и поля можно будет снова показать.
hide = Скрыть
show = Показать
select-field = Выбрать поле
no-hidden-fields = Все поля уже есть в карточке.
tabs = Вкладки
layout-history = История настроек карточки
roll-back = Вернуться к этой версии
saved = Сохранено
save-failed = Не сохранено
layout-merged = Изменения, которые тем временем внесли другие, сохранены.
layout-partly = Некоторые изменения применить не удалось:
drag-hint = Пробел — взять, стрелки — переместить, пробел — отпустить, Escape — отменить.
err-layout-admin-only = Изменять общий вид карточки могут только администраторы.
err-too-many-ops = Слишком много изменений за один раз; сохраняйте их по частям.
err-unknown-version = Такой версии настроек карточки нет.

## Card views.

view-initial = Начальный вид
view-common = Общий вид
view-mine = Мой вид
view = Вид
views = Виды карточки
configuring-view = Настраивается
enable-common-view = Включить общий вид карточки
force-common-view = Установить общую карточку для всех пользователей
reset-common-view = Сбросить настройки на начальный вид карточки
confirm-reset-view = Сбросить общий вид карточки на начальный? Текущее расположение сохранится в истории настроек карточки.
enable-my-view = Включить мой вид карточки
disable-my-view = Вернуться к общему виду
my-view-hint = Ваш вид сначала повторяет то, что вы видите сейчас; его изменения не затрагивают других.
create-view = Создать новое представление
edit-view = Переименовать и назначить
delete-view = Удалить представление
confirm-delete-view = Удалить это представление? Сотрудники, которые с ним работают, вернутся к общему виду.
view-name = Название представления
view-users = Пользователи
view-departments = Отделы
initial-view-fixed = Все видят начальный вид карточки. Включите общий вид, чтобы настроить карточку для всех.
preview-as = Посмотреть как
preview-choose = Выберите пользователя или отдел…
exit-preview = Выйти из предпросмотра
err-view-name = Укажите название представления (до 100 символов).
err-view-members = Неизвестный пользователь или отдел.
err-view-not-open = Это представление вам недоступно.
err-initial-view = Начальный вид изменить нельзя; сначала включите общий вид.

## Settings → Smart processes

smart-processes = Смарт-процессы
new-smart-process = Создать смарт-процесс
type-name = Название (один элемент)
type-plural = Название (несколько элементов)
type-code = Код в адресах
type-code-hint = Строчные латинские буквы, цифры и дефисы; изменить код потом нельзя.
type-id = ID
type-stages-legend = Стадии
type-stages = Элементы проходят по стадиям (воронка с панелью стадий)
smart-process = Смарт-процесс
type-several-pipelines = Несколько воронок
type-client = Клиент
type-client-contact = Поле «Контакт»
type-client-company = Поле «Компания»
type-links = Элементы связаны с
type-in-menu = Показывать в главном меню
type-system = Системный тип
type-system-hint = Системные типы можно переименовать; их параметры изменить нельзя.
delete-type = Удалить смарт-процесс
type-deleted = Смарт-процесс и всё его содержимое удалены.
type-created = Смарт-процесс создан.
type-name-to-confirm = Для подтверждения введите его название
err-type-code = Код должен состоять из строчных латинских букв, цифр и одиночных дефисов и начинаться с буквы (не более 30 символов).
err-type-code-taken = Этот код уже занят другим типом.
err-unknown-link = Выберите существующие типы (кроме этого).
err-type-confirm = Чтобы удалить смарт-процесс, введите его название в точности.
err-system-type = Системные типы удалить нельзя.

## Recycle bin

recycle-bin = Корзина
restore = Восстановить
delete-permanently = Удалить навсегда
delete-selected = Удалить выбранные
select-item = Выбрать
confirm-delete-item = Переместить этот элемент в корзину? Его можно будет оттуда восстановить.
confirm-purge = Удалить выбранные элементы навсегда? Их значения, таймлайн и файлы восстановить будет нельзя.
bin-empty = Корзина пуста.
col-type = Тип
col-deleted-by = Кто удалил
col-deleted-at = Дата удаления
repeat-lead = Повторный лид
layout-of-repeat-leads = Вы настраиваете карточки повторных лидов. Какой вид видит каждый сотрудник, задаётся одинаково для всех лидов.
repeat-lead-choice = Повторный лид (клиент уже известен)

## Messages with arguments

conflict-message = Другой пользователь тем временем изменил значение на «{ $current }».
# An upload refused: too many of the user's uploads wait for a save.
err-pending-uploads = { $max ->
    [one] У вас { $max } загруженный файл ожидает сохранения. Сохраните карточку, к которой он относится (или отмените её изменения), прежде чем загружать новые.
    [few] У вас { $max } загруженных файла ожидают сохранения. Сохраните карточку, к которой они относятся (или отмените её изменения), прежде чем загружать новые.
    [many] У вас { $max } загруженных файлов ожидают сохранения. Сохраните карточку, к которой они относятся (или отмените её изменения), прежде чем загружать новые.
   *[other] У вас { $max } загруженного файла ожидают сохранения. Сохраните карточку, к которой они относятся (или отмените её изменения), прежде чем загружать новые.
}
# A personal card view refused a new section.
err-personal-sections = { $max ->
    [one] В личном виде карточки может быть не более { $max } раздела. Удалите или объедините разделы, чтобы добавить новый.
    [few] В личном виде карточки может быть не более { $max } разделов. Удалите или объедините разделы, чтобы добавить новый.
    [many] В личном виде карточки может быть не более { $max } разделов. Удалите или объедините разделы, чтобы добавить новый.
   *[other] В личном виде карточки может быть не более { $max } раздела. Удалите или объедините разделы, чтобы добавить новый.
}
err-too-many-attempts-seconds = { $seconds ->
    [one] Слишком много неудачных попыток входа. Повторите попытку через { $seconds } секунду или попросите администратора сбросить ваш пароль.
    [few] Слишком много неудачных попыток входа. Повторите попытку через { $seconds } секунды или попросите администратора сбросить ваш пароль.
    [many] Слишком много неудачных попыток входа. Повторите попытку через { $seconds } секунд или попросите администратора сбросить ваш пароль.
   *[other] Слишком много неудачных попыток входа. Повторите попытку через { $seconds } секунды или попросите администратора сбросить ваш пароль.
}
err-too-many-attempts-minutes = { $minutes ->
    [one] Слишком много неудачных попыток входа. Повторите попытку через { $minutes } минуту или попросите администратора сбросить ваш пароль.
    [few] Слишком много неудачных попыток входа. Повторите попытку через { $minutes } минуты или попросите администратора сбросить ваш пароль.
    [many] Слишком много неудачных попыток входа. Повторите попытку через { $minutes } минут или попросите администратора сбросить ваш пароль.
   *[other] Слишком много неудачных попыток входа. Повторите попытку через { $minutes } минуты или попросите администратора сбросить ваш пароль.
}
configure-field = Настроить поле «{ $label }»
field-saved = Поле «{ $label }» сохранено.
field-deleted = Поле «{ $label }» и его значения удалены.
delete-field-warning = Удалить поле «{ $label }»? Его значения во всех элементах и их история тоже будут удалены. Это действие нельзя отменить.
err-password-short = { $min ->
    [one] Пароль должен содержать не менее { $min } символа.
    [few] Пароль должен содержать не менее { $min } символов.
    [many] Пароль должен содержать не менее { $min } символов.
   *[other] Пароль должен содержать не менее { $min } символа.
}
move-handle = Переместить «{ $name }»
lifted = «{ $name }»: перемещение начато. Пробел — взять, стрелки — переместить, пробел — отпустить, Escape — отменить.
moved-to = «{ $name }»: «{ $section }», позиция { $position } из { $count }.
dropped = «{ $name }»: перемещение в «{ $section }» завершено.
cancelled = Перемещение «{ $name }» отменено.
version-label = Версия { $version }
rolled-back-to = Возврат к версии { $version }
change-section-added = Создан раздел «{ $title }»
change-section-removed = Удалён раздел «{ $title }»
change-section-renamed = Раздел «{ $old }» переименован в «{ $new }»
change-sections-reordered = Изменён порядок разделов
change-field-shown = Поле «{ $field }» показано в разделе «{ $section }»
change-field-hidden = Поле «{ $field }» скрыто
change-field-moved = Поле «{ $field }» перемещено в раздел «{ $section }»
change-tab-hidden = Вкладка «{ $tab }» скрыта
change-tab-shown = Вкладка «{ $tab }» показана
change-tabs-reordered = Изменён порядок вкладок
conflict-section-gone = Этот раздел тем временем удалил другой пользователь.
conflict-section-exists = Раздел с таким идентификатором уже существует.
conflict-field-hidden = Поле { $code } тем временем скрыл другой пользователь.
conflict-unknown-field = Поля { $code } нет (или больше нет).
conflict-bad-title = { $max ->
    [one] Название раздела должно содержать от 1 до { $max } символа.
    [few] Название раздела должно содержать от 1 до { $max } символов.
    [many] Название раздела должно содержать от 1 до { $max } символов.
   *[other] Название раздела должно содержать от 1 до { $max } символа.
}
conflict-last-tab = Хотя бы одна вкладка должна остаться видимой.
err-too-long = { $max ->
    [one] Слишком длинное значение: допускается не более { $max } символа.
    [few] Слишком длинное значение: допускается не более { $max } символов.
    [many] Слишком длинное значение: допускается не более { $max } символов.
   *[other] Слишком длинное значение: допускается не более { $max } символа.
}
err-option-twice = Вариант «{ $label }» указан дважды.
err-too-many-entries = Слишком много записей: не более { $max }.
preview-banner = Предпросмотр: { $who } — только чтение. Карточка показана точно так, как её видит { $who }.
preview-cannot-open = { $who }: нет доступа к этому элементу — он полностью скрыт.
layout-of-pipeline = Вы настраиваете карточки воронки «{ $pipeline }». Какой вид видит каждый сотрудник, задаётся одинаково для всех воронок.
err-type-linked = На этот тип ссылаются другие типы ({ $names }); сначала удалите эти связи.
err-items-in-stages = { $count ->
    [one] { $count } элемент находится на стадиях; стадии нельзя отключить, пока они используются элементами.
    [few] { $count } элемента находятся на стадиях; стадии нельзя отключить, пока они используются элементами.
    [many] { $count } элементов находятся на стадиях; стадии нельзя отключить, пока они используются элементами.
   *[other] { $count } элемента находятся на стадиях; стадии нельзя отключить, пока они используются элементами.
}
err-items-in-pipelines = { $count ->
    [one] { $count } элемент находится в других воронках; сначала переместите его в первую воронку.
    [few] { $count } элемента находятся в других воронках; сначала переместите их в первую воронку.
    [many] { $count } элементов находятся в других воронках; сначала переместите их в первую воронку.
   *[other] { $count } элемента находятся в других воронках; сначала переместите их в первую воронку.
}
err-values-would-go = { $count ->
    [one] У { $count } элемента заполнено поле «{ $label }»; сначала очистите его, иначе значение будет потеряно.
    [few] У { $count } элементов заполнено поле «{ $label }»; сначала очистите эти значения, иначе они будут потеряны.
    [many] У { $count } элементов заполнено поле «{ $label }»; сначала очистите эти значения, иначе они будут потеряны.
   *[other] У { $count } элемента заполнено поле «{ $label }»; сначала очистите эти значения, иначе они будут потеряны.
}
delete-type-warning = Удалить «{ $name }»? Вместе с ним будет удалено всё его содержимое: { $items ->
    [one] { $items } элемент
    [few] { $items } элемента
    [many] { $items } элементов
   *[other] { $items } элемента
}, { $fields ->
    [one] { $fields } пользовательское поле
    [few] { $fields } пользовательских поля
    [many] { $fields } пользовательских полей
   *[other] { $fields } пользовательского поля
}, { $files ->
    [one] { $files } файл
    [few] { $files } файла
    [many] { $files } файлов
   *[other] { $files } файла
}, а также его права доступа, представления и настройки карточек. Это действие нельзя отменить.
bin-hint-everybody = { $days ->
    [one] Удалённое всеми пользователями. Элементы удаляются навсегда через { $days } день после удаления.
    [few] Удалённое всеми пользователями. Элементы удаляются навсегда через { $days } дня после удаления.
    [many] Удалённое всеми пользователями. Элементы удаляются навсегда через { $days } дней после удаления.
   *[other] Удалённое всеми пользователями. Элементы удаляются навсегда через { $days } дня после удаления.
}
bin-hint-own = { $days ->
    [one] Удалённое вами. Элементы удаляются навсегда через { $days } день после удаления.
    [few] Удалённое вами. Элементы удаляются навсегда через { $days } дня после удаления.
    [many] Удалённое вами. Элементы удаляются навсегда через { $days } дней после удаления.
   *[other] Удалённое вами. Элементы удаляются навсегда через { $days } дня после удаления.
}
in-recycle-bin = В корзине с { $when }: этот элемент видят только администраторы.
# "+ New Delivery": an item of a linked type created from this card.
new-of = + Создать: { $name }
items-chosen = { $count ->
    [one] Выбран { $count } элемент.
    [few] Выбрано { $count } элемента.
    [many] Выбрано { $count } элементов.
   *[other] Выбрано { $count } элемента.
}

## Fixed words

tab-general = Общее
tab-relations = Связи
tab-history = История
field-type-string = Строка
field-type-integer = Целое число
field-type-number = Число
field-type-boolean = Да/нет
field-type-date = Дата
field-type-datetime = Дата со временем
field-type-money = Деньги
field-type-url = Ссылка
field-type-email = E-mail
field-type-phone = Телефон
field-type-address = Адрес
field-type-list = Список
field-type-file = Файл
field-type-user = Привязка к пользователю
field-type-crm-item = Привязка к элементам CRM
field-type-booking = Бронирование ресурсов
scope-none = Нет доступа
scope-own = Свои
scope-department = Свои + своего отдела
scope-all = Все
action-read = Чтение
action-create = Создание
action-update = Изменение
action-delete = Удаление
action-export = Экспорт
size-bytes = { $n } Б
size-kb = { $n } КБ
size-mb = { $n } МБ

## The names system types ship with (seeded in the installation's language)

type-lead = Лид
type-leads = Лиды
type-deal = Сделка
type-deals = Сделки
type-contact = Контакт
type-contacts = Контакты
type-company = Компания
type-companies = Компании
type-invoice = Счёт
type-invoices = Счета
type-quote = Предложение
type-quotes = Предложения

## Languages and places

language = Язык
time-zone = Часовой пояс
profile = Профиль
profile-saved = Сохранено. Страница перезагрузится на выбранном языке.
err-unknown-language = Выберите один из языков.
err-unknown-time-zone = Выберите часовой пояс из списка.
language-browser = Язык браузера

## Pipelines and stages

pipelines-and-stages = Воронки и стадии
pipelines-of = Воронки и стадии: { $name }
pipelines-hint = Элементы проходят по стадиям слева направо. Чтобы изменить порядок стадий, перетащите стадию за маркер. Новые элементы попадают на первую стадию.
pipeline-default = По умолчанию
make-default = Использовать по умолчанию
new-pipeline = Добавить воронку
pipeline-name = Название воронки
rename-pipeline = Переименовать воронку
delete-pipeline = Удалить воронку
move-pipeline-up = Переместить воронку выше
move-pipeline-down = Переместить воронку ниже
stages-in-progress = В работе
stages-final = Финальные стадии
stage-success-hint = Успешная стадия закрывает элемент с успешным результатом.
stage-failure-hint = Провальные стадии закрывают элемент с неуспешным результатом; их может быть несколько.
stage-name = Название стадии
stage-color = Цвет
stage-custom-color = Свой цвет
add-stage = Добавить стадию
add-failure-stage = Добавить провальную стадию
edit-stage = Изменить стадию
delete-stage = Удалить стадию
to-failure = Сделать провальной стадией
to-in-progress = Сделать стадией в работе
stage-holds = { $count ->
    [one] { $count } элемент
    [few] { $count } элемента
    [many] { $count } элементов
   *[other] { $count } элемента
}
stage-delete-question = { $count ->
    [one] На стадии «{ $stage }» { $count } элемент. Выберите, на какую стадию его перевести; переход будет отражён в таймлайне элемента.
    [few] На стадии «{ $stage }» { $count } элемента. Выберите, на какую стадию их перевести; каждый переход будет отражён в таймлайне элемента.
    [many] На стадии «{ $stage }» { $count } элементов. Выберите, на какую стадию их перевести; каждый переход будет отражён в таймлайне элемента.
   *[other] На стадии «{ $stage }» { $count } элемента. Выберите, на какую стадию их перевести; каждый переход будет отражён в таймлайне элемента.
}
pipeline-delete-question = { $count ->
    [one] В воронке «{ $pipeline }» { $count } элемент. Выберите воронку и стадию, на которую его перевести.
    [few] В воронке «{ $pipeline }» { $count } элемента. Выберите воронку и стадию, на которую их перевести.
    [many] В воронке «{ $pipeline }» { $count } элементов. Выберите воронку и стадию, на которую их перевести.
   *[other] В воронке «{ $pipeline }» { $count } элемента. Выберите воронку и стадию, на которую их перевести.
}
pipeline-delete-empty = Удалить воронку «{ $pipeline }» вместе с её стадиями?
stage-delete-empty = Удалить стадию «{ $stage }»?
move-items-to = Куда перевести элементы
pipeline-saved = Сохранено.
stage-deleted = Стадия удалена.
pipeline-deleted = Воронка удалена.
pipeline-created = Воронка создана.
no-stages-here = У этого типа нет стадий. Включите их в разделе «Смарт-процессы».
event-pipeline-changed = Воронка изменена
err-stage-name-taken = Такое название здесь уже используется.
err-stage-color = Выберите цвет из палитры или введите его в формате #39a8ef.
err-one-pipeline-only = У этого типа только одна воронка. Сначала разрешите несколько воронок в разделе «Смарт-процессы».
err-default-pipeline = Воронку по умолчанию удалить нельзя. Сначала назначьте воронкой по умолчанию другую.
err-first-stage = Первую стадию удалить нельзя: с неё начинаются новые элементы.
err-success-stage = Успешную стадию удалить нельзя: можно только изменить её название и цвет.
err-last-failure-stage = В воронке должна остаться хотя бы одна провальная стадия.
err-last-in-progress = В воронке должна остаться хотя бы одна стадия в работе.
err-stage-needs-target = { $count ->
    [one] Здесь { $count } элемент. Выберите, куда его перевести.
    [few] Здесь { $count } элемента. Выберите, куда их перевести.
    [many] Здесь { $count } элементов. Выберите, куда их перевести.
   *[other] Здесь { $count } элемента. Выберите, куда их перевести.
}
err-stage-bad-target = Выберите стадию, на которую перевести элементы: при удалении стадии — из той же воронки, при удалении воронки — из другой воронки.
err-stage-bad-place = Стадии в работе идут перед успешной стадией, а провальные — после неё.
change-pipeline = Сменить воронку
change-pipeline-hint = Выберите стадию другой воронки. Поля, обязательные на этой стадии, нужно заполнить заранее; затем карточка откроется в новой воронке.
change-pipeline-move = Перенести

## Kanban

view-mode = Вид
view-list = Список
view-kanban = Канбан
board-finals-as-columns = Финальные стадии колонками
board-quick-add = Быстрое добавление: название и Enter
board-lifted = «{ $title }» поднята. Стрелки выбирают стадию, пробел опускает, Escape отменяет.
board-over = «{ $title }» над стадией «{ $stage }»: { $position } из { $count }.
board-moved = «{ $title }» перенесена в «{ $stage }».
required-grid = Обязательные поля по стадиям
required-grid-hint = Щелчок по стадии делает поле обязательным начиная с этой стадии; щелчок по первой обязательной стадии снимает требование. «Всегда» — обязательно на каждой стадии.
required-at-stage = { $field } обязательно: { $stage }
board-needs-fields = Чтобы перенести «{ $title }» на стадию «{ $stage }», заполните:
board-save-and-move = Сохранить и перенести
board-needs-fields-new = Чтобы добавить «{ $title }», заполните:
